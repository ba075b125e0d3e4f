using DgBot.Core.Access;
using DgBot.Core.Content;
using DgBot.Core.Data.Entities;

namespace DgBot.Core.Conversation;

/// <summary>
/// The working state of one turn, handed from the <see cref="TurnRunner"/> to the flows: the inbound event, the person
/// (tracked: their state is saved with the turn), the replies so far, what became of a pressed button, and the round
/// and agency survey once a flow has read them. It lives for one turn; nothing of it is kept afterwards.
/// </summary>
public sealed class Turn(Inbound inbound, ChatUser user, bool isAdmin, DateTime now, bool firstContact)
{
    public Inbound Inbound { get; } = inbound;

    public ChatUser User { get; } = user;

    public bool IsAdmin { get; } = isAdmin;

    public DateTime Now { get; } = now;

    public bool FirstContact { get; } = firstContact;

    public bool WelcomeShown { get; set; }

    public bool Erased { get; set; }

    public List<Reply> Replies { get; } = [];

    public ButtonOutcome Button { get; set; }

    public string? ChosenLabel { get; set; }

    public string? Notice { get; set; }

    /// <summary>The current round, once read in this turn (see <see cref="SurveyLoader"/>).</summary>
    public SurveyRound? Round { get; set; }

    /// <summary>The agency's survey, once read in this turn (see <see cref="SurveyLoader"/>).</summary>
    public AgencySurvey? Survey { get; set; }

    /// <summary>Who is asking, for <see cref="ResultsAccess"/>.</summary>
    public Viewer Viewer => Viewer.Of(User, IsAdmin);

    /// <summary>Staff of an agency: the only people who answer.</summary>
    public bool IsStaff => User.Role == UserRole.Staff && User.Agency is not null;

    public ConversationState State
    {
        get => User.State;
        set => User.SetState(value);
    }

    public void Say(string text) => Replies.Add(new TextReply(text));

    /// <summary>Confirms the answer just stored (see <see cref="TextReply.Receipt"/>).</summary>
    public void Receipt(string text) => Replies.Add(new TextReply(text, Receipt: true));

    public void Accept(string label)
    {
        Button = ButtonOutcome.Accepted;
        ChosenLabel = label;
    }

    public void Stale()
    {
        Button = ButtonOutcome.Stale;
        Notice = Messages.Get(MessageKeys.StaleButton);
        Replies.Clear();
    }

    public TurnResult Result() => new(Replies.ToArray(), Button, ChosenLabel, Notice);
}
