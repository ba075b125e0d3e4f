using System.Globalization;
using System.Text.RegularExpressions;
using DgBot.Core.Framework;

namespace DgBot.Core.Questionnaires;

/// <summary>
/// Checks a parsed questionnaire file against the framework and the questionnaire rules, collecting
/// every error (not only the first) so one run of <c>dgbot questionnaire check</c> shows them all.
/// Builds the <see cref="Questionnaire"/> only when nothing is wrong.
/// </summary>
internal static partial class QuestionnaireValidator
{
    private static readonly string[] YesNoIds = ["yes", "no", "partial"];

    public static Questionnaire? Validate(QuestionnaireDto dto, ReadinessFramework framework, List<QuestionnaireError> errors)
    {
        if (string.IsNullOrWhiteSpace(dto.Version))
        {
            errors.Add(new(null, "version", "is missing"));
        }
        else if (!VersionPattern().IsMatch(dto.Version))
        {
            errors.Add(new(null, "version", $"'{dto.Version}' is not a dotted number such as 2569.1"));
        }

        if (string.IsNullOrWhiteSpace(dto.Title))
        {
            errors.Add(new(null, "title", "is missing"));
        }

        if (dto.Questions is not { Count: > 0 } questionDtos)
        {
            errors.Add(new(null, "questions", "the file has no questions"));
            return null;
        }

        // Ids seen so far, with their position; a condition may only refer to one of these.
        var earlier = new Dictionary<string, (int Index, QuestionDto Dto)>(StringComparer.OrdinalIgnoreCase);
        var questions = new List<Question>(questionDtos.Count);
        var coveredSubs = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var allIds = new HashSet<string>(
            questionDtos.Where(q => !string.IsNullOrWhiteSpace(q?.Id)).Select(q => q!.Id!.Trim()),
            StringComparer.OrdinalIgnoreCase);

        // A file that names the guidance actions its questions check must name them for every scored question.
        var namesChecks = questionDtos.Any(q => q?.Checks is not null);
        var subRank = framework.SubDimensions.Select((s, rank) => (s.Code, rank)).ToDictionary(x => x.Code, x => x.rank, StringComparer.OrdinalIgnoreCase);
        var lastRank = (Rank: -1, Code: "", QuestionId: "");
        for (var i = 0; i < questionDtos.Count; i++)
        {
            var q = questionDtos[i];
            var position = "#" + (i + 1).ToString(CultureInfo.InvariantCulture);
            if (q is null)
            {
                errors.Add(new(position, "questions", "entry is null"));
                continue;
            }

            var errorCount = errors.Count;
            var id = q.Id?.Trim();
            var who = string.IsNullOrEmpty(id) ? position : id;
            var sub = CheckSubDimension(q, who, framework, errors);
            if (sub is not null)
            {
                coveredSubs.Add(sub.Code);
                var rank = subRank[sub.Code];
                if (rank < lastRank.Rank)
                {
                    errors.Add(new(who, "subDimension", $"{sub.Code} comes before {lastRank.Code} in the framework, but this question follows {lastRank.QuestionId}; keep questions in framework order (the survey walks the dimensions in that order)"));
                }
                else
                {
                    lastRank = (rank, sub.Code, who);
                }
            }

            CheckId(id, who, position, sub, earlier, errors);
            CheckTexts(q, who, errors);
            var type = CheckType(q, who, errors);
            if (type is { } t)
            {
                CheckOptions(q, t, who, errors);
                CheckBands(q, t, who, errors);
                CheckMaxPoints(q, t, who, errors);
            }

            CheckCondition(q, who, i, earlier, allIds, errors);
            CheckChecks(q, who, sub, type, namesChecks, errors);

            if (!string.IsNullOrEmpty(id) && !earlier.ContainsKey(id))
            {
                earlier[id] = (i, q);
            }

            if (errors.Count == errorCount && type is { } okType && sub is not null && id is not null)
            {
                questions.Add(Build(q, id, sub.Code, okType));
            }
        }

        foreach (var sub in framework.SubDimensions)
        {
            if (!coveredSubs.Contains(sub.Code))
            {
                errors.Add(new(null, "subDimension", $"sub-dimension {sub.Code} ({sub.NameEn}) has no questions; every sub-dimension of the framework needs at least one"));
            }
        }

        var stageBands = CheckStages(dto.Stages, framework, errors);
        return errors.Count == 0 ? new Questionnaire(dto.Version!.Trim(), dto.Title!.Trim(), questions, stageBands) : null;
    }

    /// <summary>The reason an option id takes its question out of the score, as written in the file.</summary>
    private static NotApplicableReason? ParseNotApplicable(string? value) => value?.Trim() switch
    {
        "parent" => NotApplicableReason.ParentAgency,
        "doesNotApply" => NotApplicableReason.DoesNotApply,
        _ => null,
    };

    private static void CheckChecks(QuestionDto q, string who, SubDimension? sub, QuestionType? type, bool namesChecks, List<QuestionnaireError> errors)
    {
        var scored = type is not null and not QuestionType.Text
            && ((q.Options ?? []).Any(o => o?.Points is > 0) || (q.Bands ?? []).Any(b => b?.Points is > 0));
        if (q.Checks is not { } checks)
        {
            if (namesChecks && scored)
            {
                errors.Add(new(who, "checks", "is missing: name the guidance actions of the sub-dimension this scored question checks (1-based, as in the framework)"));
            }

            return;
        }

        if (checks.Count == 0 && scored)
        {
            errors.Add(new(who, "checks", "is empty: a scored question checks at least one guidance action"));
        }

        if (sub is null)
        {
            return;
        }

        var count = sub.Guidance.Actions.Count;
        foreach (var n in checks)
        {
            if (n < 1 || n > count)
            {
                errors.Add(new(who, "checks", FormattableString.Invariant($"action {n} does not exist: {sub.Code} has guidance actions 1–{count}")));
            }
        }

        if (checks.Distinct().Count() != checks.Count)
        {
            errors.Add(new(who, "checks", "names an action twice"));
        }
    }

    private static StageBand[] CheckStages(StagesDto? stages, ReadinessFramework framework, List<QuestionnaireError> errors)
    {
        if (stages is null)
        {
            return [];
        }

        if (string.IsNullOrWhiteSpace(stages.Note))
        {
            errors.Add(new(null, "stages", "note is missing: say where the bands come from (they are DgBot's own, not the source's)"));
        }

        if (stages.Bands is not { Count: > 0 } bands || bands.Any(b => b?.Level is null || b.MinOverall is null))
        {
            errors.Add(new(null, "stages", "bands must list { \"level\": n, \"minOverall\": score } for each stage"));
            return [];
        }

        var result = bands.Select(b => new StageBand(b!.Level!.Value, b.MinOverall!.Value)).ToArray();
        foreach (var band in result.Where(b => framework.Stages.All(s => s.Level != b.Level)))
        {
            errors.Add(new(null, "stages", FormattableString.Invariant($"level {band.Level} is not a stage of the framework")));
        }

        if (result[0].MinOverall != 0)
        {
            errors.Add(new(null, "stages", "the first band must start at 0, so that every overall score has a stage"));
        }

        for (var i = 1; i < result.Length; i++)
        {
            if (result[i].Level <= result[i - 1].Level || result[i].MinOverall <= result[i - 1].MinOverall || result[i].MinOverall > 100)
            {
                errors.Add(new(null, "stages", "bands must go up in both level and minOverall (at most 100)"));
                break;
            }
        }

        return result;
    }

    private static SubDimension? CheckSubDimension(QuestionDto q, string who, ReadinessFramework framework, List<QuestionnaireError> errors)
    {
        if (string.IsNullOrWhiteSpace(q.SubDimension))
        {
            errors.Add(new(who, "subDimension", "is missing"));
            return null;
        }

        var sub = framework.FindSubDimension(q.SubDimension.Trim());
        if (sub is null)
        {
            errors.Add(new(who, "subDimension", $"'{q.SubDimension}' is not a sub-dimension of the framework (known: {string.Join(", ", framework.SubDimensions.Select(s => s.Code))})"));
        }

        return sub;
    }

    private static void CheckId(
        string? id,
        string who,
        string position,
        SubDimension? sub,
        Dictionary<string, (int Index, QuestionDto Dto)> earlier,
        List<QuestionnaireError> errors)
    {
        if (string.IsNullOrEmpty(id))
        {
            errors.Add(new(who, "id", "is missing"));
            return;
        }

        var match = QuestionIdPattern().Match(id);
        if (!match.Success)
        {
            errors.Add(new(who, "id", $"'{id}' is not of the form <SUB>-<n>, for example LCP-1"));
        }
        else if (sub is not null && !string.Equals(match.Groups["sub"].Value, sub.Code, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new(who, "id", $"'{id}' does not start with its sub-dimension code {sub.Code}"));
        }

        if (earlier.TryGetValue(id, out var first))
        {
            errors.Add(new(who, "id", $"duplicate id: question {position} repeats the id of question #{(first.Index + 1).ToString(CultureInfo.InvariantCulture)}"));
        }
    }

    private static void CheckTexts(QuestionDto q, string who, List<QuestionnaireError> errors)
    {
        if (string.IsNullOrWhiteSpace(q.Text))
        {
            errors.Add(new(who, "text", "is missing"));
        }
        else if (q.Text.Length > QuestionnaireLoader.MaxTextLength)
        {
            errors.Add(new(who, "text", FormattableString.Invariant($"is {q.Text.Length} characters; at most {QuestionnaireLoader.MaxTextLength} fit a phone screen")));
        }

        if (string.IsNullOrWhiteSpace(q.GuidancePoint))
        {
            errors.Add(new(who, "guidancePoint", "is missing: name the point of the sub-dimension's guidance this question checks"));
        }

        if (q.Help is { } help && help.Length > QuestionnaireLoader.MaxHelpLength)
        {
            errors.Add(new(who, "help", FormattableString.Invariant($"is {help.Length} characters; at most {QuestionnaireLoader.MaxHelpLength}")));
        }
    }

    private static QuestionType? CheckType(QuestionDto q, string who, List<QuestionnaireError> errors)
    {
        if (string.IsNullOrWhiteSpace(q.Type))
        {
            errors.Add(new(who, "type", "is missing (one of yesno, single, multi, number, percent, text)"));
            return null;
        }

        QuestionType? type = q.Type.Trim().ToUpperInvariant() switch
        {
            "YESNO" => QuestionType.YesNo,
            "SINGLE" => QuestionType.Single,
            "MULTI" => QuestionType.Multi,
            "NUMBER" => QuestionType.Number,
            "PERCENT" => QuestionType.Percent,
            "TEXT" => QuestionType.Text,
            _ => null,
        };
        if (type is null)
        {
            errors.Add(new(who, "type", $"'{q.Type}' is not a question type (one of yesno, single, multi, number, percent, text)"));
        }

        return type;
    }

    private static void CheckOptions(QuestionDto q, QuestionType type, string who, List<QuestionnaireError> errors)
    {
        var isChoice = type is QuestionType.YesNo or QuestionType.Single or QuestionType.Multi;
        if (!isChoice)
        {
            if (q.Options is { Count: > 0 })
            {
                errors.Add(new(who, "options", $"a {TypeName(type)} question takes no options"));
            }

            return;
        }

        if (q.Options is not { Count: > 0 } options)
        {
            errors.Add(new(who, "options", $"a {TypeName(type)} question needs options"));
            return;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var j = 0; j < options.Count; j++)
        {
            var o = options[j];
            var at = "option #" + (j + 1).ToString(CultureInfo.InvariantCulture);
            if (o is null)
            {
                errors.Add(new(who, "options", at + " is null"));
                continue;
            }

            if (string.IsNullOrEmpty(o.Id))
            {
                errors.Add(new(who, "options", at + " has no id"));
            }
            else
            {
                at = $"option '{o.Id}'";
                if (!OptionIdPattern().IsMatch(o.Id))
                {
                    errors.Add(new(who, "options", FormattableString.Invariant($"{at}: the id must be 1–{QuestionnaireLoader.MaxOptionIdLength} characters of a-z, 0-9 or _ (it travels in button payloads)")));
                }

                if (!seen.Add(o.Id))
                {
                    errors.Add(new(who, "options", $"duplicate option id '{o.Id}'"));
                }
            }

            if (string.IsNullOrWhiteSpace(o.Label))
            {
                errors.Add(new(who, "options", at + " has no label"));
            }
            else if (o.Label.Length > QuestionnaireLoader.MaxLabelLength)
            {
                errors.Add(new(who, "options", FormattableString.Invariant($"{at}: label '{o.Label}' is {o.Label.Length} characters; at most {QuestionnaireLoader.MaxLabelLength} (LINE quick-reply labels)")));
            }

            if (o.Points is null)
            {
                errors.Add(new(who, "options", at + " has no points"));
            }
            else if (o.Points < 0 || !double.IsFinite(o.Points.Value))
            {
                errors.Add(new(who, "options", FormattableString.Invariant($"{at} has negative points ({o.Points}); points must be 0 or more")));
            }

            if (o.Exclusive == true && type != QuestionType.Multi)
            {
                errors.Add(new(who, "options", $"{at} is marked exclusive, which only a multi question uses"));
            }

            if (o.NotApplicable is { } na)
            {
                if (ParseNotApplicable(na) is null)
                {
                    errors.Add(new(who, "options", $"{at}: notApplicable '{na}' is not a reason (one of parent, doesNotApply)"));
                }

                if (o.Points is > 0)
                {
                    errors.Add(new(who, "options", $"{at} takes the question out of the score (notApplicable), so its points must be 0"));
                }

                if (type == QuestionType.Multi && o.Exclusive != true)
                {
                    errors.Add(new(who, "options", $"{at} takes the question out of the score (notApplicable); in a multi question it must also be exclusive"));
                }
            }
        }

        if (options.All(o => o is null || o.NotApplicable is not null))
        {
            errors.Add(new(who, "options", "every option takes the question out of the score (notApplicable); at least one must be scored"));
        }

        if (type == QuestionType.YesNo)
        {
            var ids = options.Where(o => o?.Id is not null && o.NotApplicable is null).Select(o => o!.Id!).ToArray();
            if (!ids.Contains("yes", StringComparer.OrdinalIgnoreCase) || !ids.Contains("no", StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new(who, "options", "a yesno question needs the options 'yes' and 'no' (and optionally 'partial')"));
            }

            foreach (var extra in ids.Where(x => !YesNoIds.Contains(x, StringComparer.OrdinalIgnoreCase)))
            {
                errors.Add(new(who, "options", $"option '{extra}' is not allowed in a yesno question (only yes, no, partial, and options marked notApplicable)"));
            }
        }
        else if (type == QuestionType.Single && options.Count < 2)
        {
            errors.Add(new(who, "options", "a single-choice question needs at least 2 options"));
        }
        else if (type == QuestionType.Multi && !options.Any(o => o is { Exclusive: not true }))
        {
            errors.Add(new(who, "options", "a multi question needs at least one option that is not exclusive"));
        }
    }

    private static void CheckBands(QuestionDto q, QuestionType type, string who, List<QuestionnaireError> errors)
    {
        if (type is not (QuestionType.Number or QuestionType.Percent))
        {
            if (q.Bands is { Count: > 0 })
            {
                errors.Add(new(who, "bands", $"a {TypeName(type)} question takes no bands (only number and percent do)"));
            }

            return;
        }

        if (q.Bands is not { Count: > 0 } bands)
        {
            errors.Add(new(who, "bands", $"a {TypeName(type)} question needs bands to be scored"));
            return;
        }

        var valid = new List<BandDto>();
        for (var j = 0; j < bands.Count; j++)
        {
            var b = bands[j];
            var at = "band #" + (j + 1).ToString(CultureInfo.InvariantCulture);
            if (b is null)
            {
                errors.Add(new(who, "bands", at + " is null"));
                continue;
            }

            var ok = true;
            if (b.Points is null)
            {
                errors.Add(new(who, "bands", at + " has no points"));
                ok = false;
            }
            else if (b.Points < 0)
            {
                errors.Add(new(who, "bands", FormattableString.Invariant($"{at} has negative points ({b.Points})")));
                ok = false;
            }

            if (b.Min is { } min && b.Max is { } max && min >= max)
            {
                errors.Add(new(who, "bands", FormattableString.Invariant($"{at} is empty: min {min} is not below max {max}")));
                ok = false;
            }

            if (type == QuestionType.Percent && (b.Min is < 0 or > 100 || b.Max is < 0 or > 100))
            {
                errors.Add(new(who, "bands", FormattableString.Invariant($"{at} [{Show(b.Min)}, {Show(b.Max)}) lies outside 0–100; leave max null for the top band")));
                ok = false;
            }

            if (ok)
            {
                valid.Add(b);
            }
        }

        if (valid.Count != bands.Count)
        {
            return; // overlaps and gaps are judged once every band is well-formed
        }

        // Bands are [min, max): after sorting by min, each must end exactly where the next begins.
        var sorted = valid.OrderBy(b => b.Min ?? double.NegativeInfinity).ToList();
        for (var j = 1; j < sorted.Count; j++)
        {
            var a = sorted[j - 1];
            var c = sorted[j];
            var aEnd = a.Max ?? double.PositiveInfinity;
            var cStart = c.Min ?? double.NegativeInfinity;
            if (aEnd > cStart)
            {
                errors.Add(new(who, "bands", $"bands [{Show(a.Min)}, {Show(a.Max)}) and [{Show(c.Min)}, {Show(c.Max)}) overlap; each value must fall in one band"));
            }
            else if (aEnd < cStart)
            {
                errors.Add(new(who, "bands", $"bands [{Show(a.Min)}, {Show(a.Max)}) and [{Show(c.Min)}, {Show(c.Max)}) leave a gap; an answer in it could not be scored"));
            }
        }

        // Every answer the question accepts (0 upwards; for a percentage up to and including 100) must fall in a band.
        if (sorted.Count > 0)
        {
            if (sorted[0].Min is > 0)
            {
                errors.Add(new(who, "bands", $"the lowest band starts at {Show(sorted[0].Min)}; start it at 0 (or null) so that every answer is scored"));
            }

            if (type == QuestionType.Percent && sorted[^1].Max is not null)
            {
                errors.Add(new(who, "bands", $"the top band ends at {Show(sorted[^1].Max)} (exclusive), so 100% could not be scored; leave its max null"));
            }
        }
    }

    private static void CheckMaxPoints(QuestionDto q, QuestionType type, string who, List<QuestionnaireError> errors)
    {
        if (q.MaxPoints is not { } max)
        {
            return;
        }

        if (type != QuestionType.Multi)
        {
            errors.Add(new(who, "maxPoints", $"only a multi question takes maxPoints (this one is {TypeName(type)})"));
        }
        else if (max <= 0 || !double.IsFinite(max))
        {
            errors.Add(new(who, "maxPoints", FormattableString.Invariant($"is {max}; it must be above 0")));
        }
    }

    private static void CheckCondition(
        QuestionDto q,
        string who,
        int index,
        Dictionary<string, (int Index, QuestionDto Dto)> earlier,
        HashSet<string> allIds,
        List<QuestionnaireError> errors)
    {
        if (q.Condition is not { } condition)
        {
            return;
        }

        var target = condition.Question?.Trim();
        if (string.IsNullOrEmpty(target))
        {
            errors.Add(new(who, "condition", "names no question"));
            return;
        }

        var anyOf = condition.AnyOf ?? [];
        if (anyOf.Count == 0 || anyOf.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add(new(who, "condition", $"anyOf must list one or more option ids of {target}"));
        }

        if (!earlier.TryGetValue(target, out var referred) || referred.Index >= index)
        {
            var why = string.Equals(target, q.Id?.Trim(), StringComparison.OrdinalIgnoreCase)
                ? "refers to the question itself"
                : allIds.Contains(target)
                    ? $"refers to {target}, which comes later; a condition may only refer to an earlier question"
                    : $"refers to {target}, which does not exist";
            errors.Add(new(who, "condition", why));
            return;
        }

        var referredType = referred.Dto.Type?.Trim().ToUpperInvariant();
        if (referredType is not ("YESNO" or "SINGLE" or "MULTI"))
        {
            errors.Add(new(who, "condition", $"refers to {target}, which is not a choice question; conditions test option ids"));
            return;
        }

        var known = (referred.Dto.Options ?? []).Where(o => o?.Id is not null).Select(o => o!.Id!).ToArray();
        foreach (var optionId in anyOf)
        {
            if (!string.IsNullOrWhiteSpace(optionId) && !known.Contains(optionId, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new(who, "condition", $"option '{optionId}' is not an option of {target} (its options: {string.Join(", ", known)})"));
            }
        }
    }

    private static Question Build(QuestionDto q, string id, string subCode, QuestionType type)
    {
        var options = (q.Options ?? [])
            .Select(o => new AnswerOption(o!.Id!, o.Label!.Trim(), o.Points!.Value, o.Exclusive ?? false) { NotApplicable = ParseNotApplicable(o.NotApplicable) })
            .ToArray();
        var bands = (q.Bands ?? [])
            .Select(b => new Band(b!.Min, b.Max, b.Points!.Value))
            .OrderBy(b => b.Min ?? double.NegativeInfinity)
            .ToArray();
        var condition = q.Condition is { } c
            ? new Condition(c.Question!.Trim(), c.AnyOf!.Select(x => x!.Trim()).ToArray())
            : null;
        return new Question(
            id,
            subCode,
            q.GuidancePoint!.Trim(),
            q.Text!.Trim(),
            string.IsNullOrWhiteSpace(q.Help) ? null : q.Help.Trim(),
            type,
            options,
            bands,
            q.MaxPoints,
            q.AllowDontKnow ?? false,
            condition,
            string.IsNullOrWhiteSpace(q.Unit) ? null : q.Unit.Trim())
        {
            Checks = q.Checks?.ToArray() ?? [],
        };
    }

    internal static string TypeName(QuestionType type) => type switch
    {
        QuestionType.YesNo => "yesno",
        QuestionType.Single => "single",
        QuestionType.Multi => "multi",
        QuestionType.Number => "number",
        QuestionType.Percent => "percent",
        _ => "text",
    };

    private static string Show(double? bound) => bound?.ToString(CultureInfo.InvariantCulture) ?? "null";

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^(?<sub>[A-Za-z]{3})-(?<n>[1-9][0-9]{0,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex QuestionIdPattern();

    [GeneratedRegex(@"^[a-z0-9_]{1,8}$", RegexOptions.CultureInvariant)]
    private static partial Regex OptionIdPattern();
}
