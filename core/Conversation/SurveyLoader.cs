using DgBot.Core.Content;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Rounds;

namespace DgBot.Core.Conversation;

/// <summary>Reads what a turn works on, once per turn: the current round and the agency's response with its answers.</summary>
public sealed class SurveyLoader(DgBotDbContext db, RoundService rounds, SurveyCatalog catalog)
{
    /// <summary>The current round (the year's default round is created when there is none).</summary>
    public async Task<SurveyRound> RoundAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.Round ??= await rounds.CurrentAsync(catalog.Current.Version, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The person's agency's response in the current round (created when it has none), its answers and the
    /// questionnaire. A person whose position is in another questionnaire version is moved back to the menu.
    /// </summary>
    public async Task<AgencySurvey> SurveyAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.Survey is { } loaded)
        {
            return loaded;
        }

        var agency = turn.User.Agency!;
        var round = await RoundAsync(turn, cancellationToken).ConfigureAwait(false);
        var response = await TurnQueries.Response(db, agency.Id, round.Id).ConfigureAwait(false);
        if (response is null)
        {
            // Its id is needed before answers can name it: saved now, committed (or rolled back) with the turn.
            response = new Response(agency.Id, round.Id, turn.Now);
            db.Responses.Add(response);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        // Answers are read untracked with their author's name (one join): a turn changes at most one of them.
        List<(Answer Answer, string? Author)> answers = [];
        await foreach (var answer in TurnQueries.Answers(db, response.Id).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            answers.Add((answer.Answer, answer.Author));
        }

        var questionnaire = catalog.Get(round.QuestionnaireVersion);
        var survey = new AgencySurvey(agency, round, questionnaire, response, answers);
        turn.Survey = survey;

        var state = turn.State;
        if (state.Mode == ConversationMode.Survey
            && (state.QuestionnaireVersion != questionnaire.Version || questionnaire.Find(state.QuestionId ?? string.Empty) is null))
        {
            // The questionnaire changed under this person (a new version): start again at the first open question.
            turn.State = state with { Mode = ConversationMode.Menu, QuestionId = null, Skipped = [], PendingSelection = [] };
            turn.Say(Messages.Format(MessageKeys.QuestionnaireChanged, questionnaire.Version));
        }

        return survey;
    }

    /// <summary>Whether the agency's response of the current round has any answer (the menu says "continue" then).</summary>
    public async Task<bool> StartedAsync(Turn turn, int agencyId, CancellationToken cancellationToken)
    {
        var round = await RoundAsync(turn, cancellationToken).ConfigureAwait(false);
        return await TurnQueries.Started(db, agencyId, round.Id).ConfigureAwait(false);
    }
}
