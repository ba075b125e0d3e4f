using System.Globalization;
using System.Text;
using DgBot.Core.Answers;
using DgBot.Core.Content;
using DgBot.Core.Framework;
using DgBot.Core.Questionnaires;
using Humanizer;

namespace DgBot.Core.Conversation.Prompts;

/// <summary>How a question prompt relates to the one before it.</summary>
public enum Prompting
{
    /// <summary>A new prompt: a new prompt number, so the buttons of older prompts become stale.</summary>
    New,

    /// <summary>The same question again after input that did not fit: same prompt number, sent as a new message.</summary>
    Repeat,

    /// <summary>The pressed prompt updated in place (multiple-choice ticks).</summary>
    Replace,
}

/// <summary>What showing a question produces: the dimension's introduction when it starts, the prompt, and the person's new state.</summary>
public sealed record QuestionView(string? Introduction, PromptReply Prompt, ConversationState State);

/// <summary>The text and choices of a question prompt, and the Thai wording of answers, hints and input errors. Pure.</summary>
public static class QuestionPrompts
{
    /// <summary>
    /// A question: the dimension's introduction when it starts, "ข้อ 12/70", a progress bar, the text, the current
    /// answer and the choices; and the state that asks it (prompt number, ticked items, introduced dimension).
    /// </summary>
    public static QuestionView Render(ReadinessFramework framework, AgencySurvey survey, Question question, ConversationState state, IReadOnlyList<string>? selection = null, Prompting prompting = Prompting.New)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(state);
        var seq = prompting == Prompting.New ? state.PromptSeq + 1 : state.PromptSeq;
        var sub = framework.FindSubDimension(question.SubDimension);
        var dimension = sub is null ? null : framework.DimensionOf(sub);
        string? introduction = null;
        if (prompting == Prompting.New && dimension is not null && state.IntroducedDimension != dimension.Code)
        {
            var dimensionNumber = framework.Dimensions.ToList().IndexOf(dimension) + 1;
            var count = survey.Questionnaire.Questions.Count(q => framework.FindSubDimension(q.SubDimension)?.DimensionCode == dimension.Code);
            introduction = Messages.Format(MessageKeys.DimensionIntro, dimensionNumber, dimension.NameTh, count);
        }

        var text = new StringBuilder();
        var index = survey.Questionnaire.IndexOf(question.Id);
        var (answered, applicable) = survey.Progress();
        text.Append(Messages.Format(MessageKeys.QuestionHeader, index + 1, survey.Questionnaire.Questions.Count))
            .Append("  ").Append(ProgressBar(answered, applicable)).Append('\n');
        if (sub is not null)
        {
            text.Append(sub.NameTh).Append('\n');
        }

        text.Append('\n').Append(question.Text);

        var existing = survey.AnswerOf(question.Id);
        if (existing is not null)
        {
            var who = Respondents.Describe(existing, survey.AuthorOf(question.Id));
            text.Append("\n\n").Append(Messages.Format(MessageKeys.CurrentAnswer, Describe(question, AnswerValue.Deserialize(existing.Value)), who, ThaiDates.DateAndTime(existing.AnsweredUtc)));
        }

        text.Append("\n\n").Append(Hint(question));

        // A question asked anew starts from its stored ticks (re-opening keeps the earlier choices); the same prompt
        // again, or updated in place, keeps the ticks of the person's state.
        selection ??= question.Type != QuestionType.Multi ? []
            : prompting == Prompting.New || state.QuestionId != question.Id ? StoredTicks(question, existing)
            : state.PendingSelection;
        List<Choice> choices = [];
        foreach (var option in question.Options)
        {
            if (question.Type != QuestionType.Multi)
            {
                choices.Add(new Choice(option.Label, Payload.Question(seq, QuestionOps.Option, option.Id)));
                continue;
            }

            var ticked = selection.Contains(option.Id, StringComparer.OrdinalIgnoreCase);
            choices.Add(new Choice(option.Label, Payload.Question(seq, ticked ? QuestionOps.Untick : QuestionOps.Tick, option.Id), ticked));
        }

        if (question.Type == QuestionType.Multi)
        {
            choices.Add(new Choice(Messages.Get(MessageKeys.BtnConfirmMulti), Payload.Question(seq, QuestionOps.Confirm, SelectionMask(question, selection))));
        }

        if (question.AllowDontKnow)
        {
            choices.Add(new Choice(Messages.Get(MessageKeys.BtnDontknow), Payload.Question(seq, QuestionOps.DontKnow)));
        }

        if (existing is not null)
        {
            choices.Add(new Choice(Messages.Get(MessageKeys.BtnKeep), Payload.Question(seq, QuestionOps.Keep)));
        }

        if (!string.IsNullOrWhiteSpace(question.Help))
        {
            choices.Add(new Choice(Messages.Get(MessageKeys.BtnHelp), Payload.Question(seq, QuestionOps.Help)));
        }

        choices.Add(new Choice(Messages.Get(MessageKeys.BtnBack), Payload.Question(seq, QuestionOps.Back)));
        choices.Add(new Choice(Messages.Get(MessageKeys.BtnSkip), Payload.Question(seq, QuestionOps.Skip)));

        var asked = state with
        {
            Mode = ConversationMode.Survey,
            QuestionnaireVersion = survey.Questionnaire.Version,
            QuestionId = question.Id,
            PromptSeq = seq,
            PendingSelection = question.Type == QuestionType.Multi ? selection.ToArray() : [],
            IntroducedDimension = dimension?.Code ?? state.IntroducedDimension,
        };
        var prompt = new PromptReply(
            text.ToString(),
            choices,
            Multi: question.Type == QuestionType.Multi,
            ReplacesPrevious: prompting == Prompting.Replace,
            FreeText: question.Type is QuestionType.Number or QuestionType.Percent or QuestionType.Text);
        return new QuestionView(introduction, prompt, asked);
    }

    /// <summary>The items of a stored multiple-choice answer (none when unanswered or "don't know").</summary>
    public static string[] StoredTicks(Question question, Data.Entities.Answer? existing)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (existing is null || question.Type != QuestionType.Multi)
        {
            return [];
        }

        var value = AnswerValue.Deserialize(existing.Value);
        return value.DontKnow ? [] : value.OptionIds.Where(id => question.FindOption(id) is not null).ToArray();
    }

    /// <summary>The ticked items as the hexadecimal mask a confirm button carries: bit i is the question's option i.</summary>
    public static string SelectionMask(Question question, IReadOnlyList<string> selection)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(selection);
        ulong mask = 0;
        for (var i = 0; i < question.Options.Count && i < 64; i++)
        {
            if (selection.Contains(question.Options[i].Id, StringComparer.OrdinalIgnoreCase))
            {
                mask |= 1UL << i;
            }
        }

        return mask.ToString("x", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The items a confirm button's mask names, in the question's order; false for a mask that is not one this
    /// question's prompt could have shown (not hexadecimal, a bit past its options, two items where one is exclusive).
    /// </summary>
    public static bool TryReadMask(Question question, string mask, out string[] selection)
    {
        ArgumentNullException.ThrowIfNull(question);
        selection = [];
        if (string.IsNullOrEmpty(mask) || mask.Length > 16
            || !ulong.TryParse(mask, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits)
            || (question.Options.Count < 64 && bits >> question.Options.Count != 0))
        {
            return false;
        }

        var ids = new List<string>();
        for (var i = 0; i < question.Options.Count && i < 64; i++)
        {
            if ((bits & (1UL << i)) != 0)
            {
                ids.Add(question.Options[i].Id);
            }
        }

        if (ids.Count > 1 && ids.Any(id => question.FindOption(id) is { Exclusive: true }))
        {
            return false;
        }

        selection = ids.ToArray();
        return true;
    }

    /// <summary>What the question accepts, under its text.</summary>
    public static string Hint(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Type switch
        {
            QuestionType.Multi => Messages.Get(MessageKeys.HintMulti),
            QuestionType.Number => Messages.Format(MessageKeys.HintNumber, string.IsNullOrWhiteSpace(question.Unit) ? string.Empty : " (" + question.Unit + ")"),
            QuestionType.Percent => Messages.Get(MessageKeys.HintPercent),
            QuestionType.Text => Messages.Get(MessageKeys.HintText),
            _ => Messages.Get(MessageKeys.HintChoice),
        };
    }

    /// <summary>"▰▰▰▱▱▱▱▱▱▱ 30%".</summary>
    public static string ProgressBar(int done, int total)
    {
        var fraction = total == 0 ? 0 : (double)done / total;
        var filled = (int)Math.Round(fraction * 10, MidpointRounding.AwayFromZero);
        return new string('▰', filled) + new string('▱', 10 - filled) + " " + Math.Round(fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>An answer in words, for "current answer" lines and message edits.</summary>
    public static string Describe(Question question, AnswerValue value)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(value);
        if (value.DontKnow)
        {
            return Messages.Get(MessageKeys.BtnDontknow);
        }

        if (value.Number is { } number)
        {
            var formatted = number.ToString("#,0.##", CultureInfo.InvariantCulture);
            return question.Type == QuestionType.Percent ? formatted + "%" : string.IsNullOrWhiteSpace(question.Unit) ? formatted : formatted + " " + question.Unit;
        }

        if (value.Text is { } text)
        {
            return text;
        }

        return string.Join(", ", value.OptionIds.Select(id => question.FindOption(id)?.Label ?? id));
    }

    /// <summary>What is accepted, after input that did not fit (an <see cref="AnswerErrorKeys"/> key; unknown ones get the generic message).</summary>
    public static string ErrorMessage(Question question, string? errorKey)
    {
        ArgumentNullException.ThrowIfNull(question);
        var messageKey = "error_" + (errorKey ?? "generic");
        if (!Messages.Has(messageKey))
        {
            messageKey = MessageKeys.ErrorGeneric;
        }

        return messageKey switch
        {
            MessageKeys.ErrorChoiceExpected => Messages.Format(messageKey, question.Options.Count),

            // The buttons' own labels (a question answered "จัดทำแล้ว / ยังไม่ได้จัดทำ" is not re-prompted with ใช่/ไม่ใช่), middle answer included.
            MessageKeys.ErrorYesnoExpected => Messages.Format(
                messageKey,
                string.Join(" / ", question.Options.Select(o => o.Label).Concat(question.AllowDontKnow ? [Messages.Get(MessageKeys.BtnDontknow)] : []).Select(l => "\"" + l + "\"")),
                question.Options.Count),
            MessageKeys.ErrorMultiExclusive => Messages.Format(messageKey, question.Options.FirstOrDefault(o => o.Exclusive)?.Label ?? string.Empty),
            _ => Messages.Get(messageKey),
        };
    }

    /// <summary>A time span in Thai words ("2 วัน 3 ชั่วโมง"), never negative.</summary>
    public static string Humanize(TimeSpan span, TimeUnit minUnit) =>
        (span < TimeSpan.Zero ? TimeSpan.Zero : span).Humanize(precision: 2, culture: ThaiDates.Thai, maxUnit: TimeUnit.Day, minUnit: minUnit, collectionSeparator: " ");
}
