using SkiaSharp;

namespace DgBot.Core.Reports.Documents;

/// <summary>
/// The Laksaman fonts (TLWG's free TH Sarabun New) embedded in DgBot.Core (Reports/Fonts, GPL-2+ with the font
/// exception; see Reports/Fonts/README.md). The reports never use a font installed on the machine.
/// </summary>
public static class ReportFonts
{
    /// <summary>The family the Word report asks for first; Laksaman (embedded) stands in where it is not installed.</summary>
    public const string PreferredFamily = "TH Sarabun New";

    public const string FallbackFamily = "Laksaman";

    public const string RegularFile = "Laksaman.ttf";

    public const string BoldFile = "Laksaman-Bold.ttf";

    /// <summary>The bytes of one of the embedded font files.</summary>
    public static byte[] Bytes(string file)
    {
        var name = "DgBot.Core.Reports.Fonts." + file;
        using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded font {name} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    internal static SKTypeface Typeface(string file)
    {
        using var data = SKData.CreateCopy(Bytes(file));
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"The embedded font {file} cannot be read.");
    }
}
