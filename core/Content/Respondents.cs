using DgBot.Core.Conversation;
using DgBot.Core.Data.Entities;

namespace DgBot.Core.Content;

/// <summary>The one wording of who gave an answer, in chat, in reports and in exports.</summary>
public static class Respondents
{
    /// <summary>
    /// The person's display name; "บันทึกจากแบบฟอร์มโดย &lt;operator&gt;" for an answer entered from a file
    /// (<c>dgbot answers import</c>); "ผู้ตอบที่ลบข้อมูลแล้ว" once the person who gave it erased their data; the
    /// unknown-respondent text for a person without a display name.
    /// </summary>
    public static string Describe(Answer answer, string? displayName)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.AnsweredByUserId is null)
        {
            return answer.EnteredBy is { } enteredBy
                ? Messages.Format(MessageKeys.EnteredFromFile, enteredBy)
                : Messages.Get(MessageKeys.DeletedRespondent);
        }

        return string.IsNullOrWhiteSpace(displayName) ? Messages.Get(MessageKeys.UnknownRespondent) : displayName;
    }
}
