using System.Globalization;

namespace DgBot.Core.Answers;

/// <summary>
/// A stored answer to one question, channel-neutral. Exactly one of the shapes is used:
/// option ids (yes/no, single, multi), a number (number, percent), text, or "don't know".
/// </summary>
public sealed record AnswerValue
{
    private AnswerValue(IReadOnlyList<string>? optionIds, double? number, string? text, bool dontKnow)
    {
        OptionIds = optionIds ?? [];
        Number = number;
        Text = text;
        DontKnow = dontKnow;
    }

    public IReadOnlyList<string> OptionIds { get; }

    public double? Number { get; }

    public string? Text { get; }

    public bool DontKnow { get; }

    public static AnswerValue Options(params IEnumerable<string> optionIds) => new(optionIds.ToArray(), null, null, false);

    public static AnswerValue Option(string optionId) => new([optionId], null, null, false);

    public static AnswerValue OfNumber(double value) => new(null, value, null, false);

    public static AnswerValue OfText(string value) => new(null, null, value, false);

    public static AnswerValue Unknown { get; } = new(null, null, null, true);

    /// <summary>The compact storage form: <c>dk</c>, <c>o:yes</c>, <c>o:a,b</c>, <c>n:42.5</c> or <c>t:free text</c>.</summary>
    public string Serialize()
    {
        if (DontKnow)
        {
            return "dk";
        }

        if (Number is { } n)
        {
            return "n:" + n.ToString("R", CultureInfo.InvariantCulture);
        }

        if (Text is { } t)
        {
            return "t:" + t;
        }

        return "o:" + string.Join(',', OptionIds);
    }

    public static AnswerValue Deserialize(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored == "dk")
        {
            return Unknown;
        }

        if (stored.StartsWith("n:", StringComparison.Ordinal))
        {
            return OfNumber(double.Parse(stored.AsSpan(2), NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        if (stored.StartsWith("t:", StringComparison.Ordinal))
        {
            return OfText(stored[2..]);
        }

        if (stored.StartsWith("o:", StringComparison.Ordinal))
        {
            return Options(stored[2..].Split(',', StringSplitOptions.RemoveEmptyEntries));
        }

        throw new FormatException($"Not a stored answer value: '{stored}'.");
    }
}
