using System.Globalization;

namespace DgBot.Bot.Cli;

/// <summary>
/// The administrators' output lines in English and Thai ("Imported 12 agencies (นำเข้า 12 หน่วยงาน)"): the admins are
/// Thai officers, the English half is for logs, scripts and support. New bilingual CLI lines go here rather than as
/// literals in each command, so the Thai wording can be reviewed in one place.
/// </summary>
internal static class AdminTexts
{
    /// <summary>"1 agency", "2 agencies": the English count with its plural form (Thai has none).</summary>
    public static string Count(int n, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? one : many)}");

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    // ---- rounds -------------------------------------------------------------------------------------------------

    public static string RoundCreated(string name, string deadline, string version, string reminders, string window) =>
        $"Round {name}: deadline {deadline} (end of the day, Bangkok), questionnaire {version}, reminders {reminders} and on the deadline's morning, window {window} (สร้างรอบ {name} กำหนดส่ง {deadline})";

    public static string RoundReminderDays(string days) => days.Length == 0 ? "none" : days + " days before";

    public static string AnotherRoundOpen(string open, string deadline) =>
        $"Round {open} (deadline {deadline}) is still open, and only one round can be open at a time: close it first with 'dgbot rounds close --name {open}', then create the new one. (รอบ {open} ยังเปิดอยู่ เปิดได้ครั้งละหนึ่งรอบ ปิดรอบนั้นก่อนด้วย 'dgbot rounds close --name {open}' แล้วจึงสร้างรอบใหม่)";

    public static string SeveralRoundsOpen(IEnumerable<string> names)
    {
        var list = string.Join(", ", names);
        return $"Several rounds are open ({list}), from before only one could be: say which with --name, e.g. 'dgbot rounds close --name {names.First()}'. (มีหลายรอบที่เปิดอยู่ ({list}) ระบุรอบด้วย --name)";
    }

    public static string RoundAlreadyClosed(string name) => $"Round {name} was already closed. (รอบ {name} ปิดไปแล้ว)";

    public static string RoundClosed(string name) =>
        $"Round {name} closed: no more reminders are written for it. (ปิดรอบ {name} แล้ว ไม่มีการแจ้งเตือนของรอบนี้อีก)";

    public static string RoundHeader(string name, string deadline, bool open) =>
        $"Round {name}, deadline {deadline}, {(open ? "open" : "closed")} (รอบ {name} กำหนดส่ง {deadline} {(open ? "เปิดอยู่" : "ปิดแล้ว")})";

    public static string SlotWritten(string slot, string round, int added, string window) =>
        $"Slot {slot} of round {round}: {Count(added, "new message", "new messages")} in the outbox (sent by 'dgbot serve' inside the window {window}). (รอบ {round} ช่วง {slot}: เพิ่ม {N(added)} ข้อความในกล่องขาออก)";

    public static string BroadcastWritten(string slot, string round, int added) =>
        $"Broadcast {slot} for round {round}: {Count(added, "message", "messages")} written to the outbox; 'dgbot serve' sends them. (ประกาศของรอบ {round}: เขียน {N(added)} ข้อความลงกล่องขาออก บริการบอทจะส่งให้)";

    public static string BroadcastDryRun(string round, int recipients, string byChannel) =>
        $"Dry run: {Count(recipients, "recipient", "recipients")}{byChannel} for round {round}; nothing was written. (ทดลอง: ผู้รับ {N(recipients)} คน ของรอบ {round} ยังไม่ได้เขียนอะไร)";

    public const string NoRounds =
        "No rounds yet: create one with 'dgbot rounds create --name 2569 --deadline 2026-12-15'. (ยังไม่มีรอบการสำรวจ สร้างด้วย 'dgbot rounds create')";

    public static string RoundCount(int n) => $"{Count(n, "round", "rounds")} ({N(n)} รอบ)";

    public const string NoSuchRound = "No such round (see 'dgbot rounds list'). (ไม่พบรอบนี้ ดู 'dgbot rounds list')";

    // ---- the bot lock -------------------------------------------------------------------------------------------

    public static string ChatRefused(string database, string lockPath) =>
        $"dgbot chat: the bot ('dgbot serve', another 'dgbot chat' or a 'dgbot db restore') is using {database} (lock file {lockPath} is held); stop it first, or set ConnectionStrings__DgBot to another file. (บอทกำลังใช้ฐานข้อมูลนี้อยู่ หยุดบอทก่อน)";

    public static string RestoreRefused(string database, string lockPath) =>
        $"The bot is running on {database} ('dgbot serve' or 'dgbot chat'; lock file {lockPath} is held). Stop it first (for example 'docker stop dgbot'), then restore. (บอทกำลังทำงานบนฐานข้อมูลนี้ หยุดบอทก่อนแล้วจึงกู้คืน)";

    // ---- db -----------------------------------------------------------------------------------------------------

    public static string BackupExists(string target) =>
        $"{target} already exists: choose another --out, or add --force to replace it. (มีไฟล์นี้อยู่แล้ว เลือกชื่ออื่น หรือใส่ --force เพื่อเขียนทับ)";

    public static string BackedUp(string database, string target, long rows, int tables) =>
        string.Create(CultureInfo.InvariantCulture, $"Backed up {database} to {target}: integrity ok, {rows} {(rows == 1 ? "row" : "rows")} in {Count(tables, "table", "tables")}. (สำรองฐานข้อมูลแล้ว ตรวจความสมบูรณ์ผ่าน)");

    public static string Restored(string source, string database, bool ok, long rows) =>
        string.Create(CultureInfo.InvariantCulture, $"Restored {source} into {database}: integrity {(ok ? "ok" : "FAILED")}, {rows} {(rows == 1 ? "row" : "rows")}. ({(ok ? "กู้คืนฐานข้อมูลแล้ว ตรวจความสมบูรณ์ผ่าน" : "กู้คืนแล้ว แต่ตรวจความสมบูรณ์ไม่ผ่าน")})");

    public static string Integrity(bool ok) => ok ? "Integrity: ok (ความสมบูรณ์: ผ่าน)" : "Integrity: FAILED (ความสมบูรณ์: ไม่ผ่าน)";

    public static string PreviousKept(string kept) => $"The previous database is kept as {kept}. (เก็บฐานข้อมูลเดิมไว้ที่ {kept})";

    // ---- agencies -----------------------------------------------------------------------------------------------

    public static string ImportSummary(string file, int added, int updated, int renamed, int unchanged, int rejected) =>
        string.Create(CultureInfo.InvariantCulture, $"{file}: {added} added, {updated} updated, {unchanged} unchanged, {rejected} rejected; {Count(renamed, "agency", "agencies")} renamed (เพิ่ม {added} แก้ไข {updated} เปลี่ยนชื่อ {renamed} ไม่เปลี่ยน {unchanged} หน่วยงาน ปฏิเสธ {rejected} แถว)");

    public static string Renamed(string code, string from, string to) => $"renamed {code}: {from} → {to} (เปลี่ยนชื่อ)";

    public static string Moved(string code, string from, string to) => $"province of {code}: {from} → {to} (เปลี่ยนจังหวัด)";

    public static string Retyped(string code, string from, string to) =>
        $"type of {code}: {(from.Length == 0 ? "(none)" : from)} → {(to.Length == 0 ? "(none)" : to)} (เปลี่ยนประเภท)";

    public const string ValidRowsImported =
        "The valid rows were imported; fix the rejected lines and import the file again. (นำเข้าแถวที่ถูกต้องแล้ว แก้ไขแถวที่ถูกปฏิเสธแล้วนำเข้าไฟล์อีกครั้ง)";

    public const string NothingImported = "Nothing was imported. (ไม่ได้นำเข้าข้อมูลใด)";

    public const string NoAgencies = "No agencies yet: import them with 'dgbot agencies import FILE.csv'. (ยังไม่มีหน่วยงาน นำเข้าด้วย 'dgbot agencies import FILE.csv')";

    public static string AgencyCount(int n) => $"{Count(n, "agency", "agencies")} ({N(n)} หน่วยงาน)";

    // ---- invites ------------------------------------------------------------------------------------------------

    public const string ExpiresInTooShort =
        "--expires-in must be at least 1 minute (1m); use for example 7d, 12h or 30m. (อายุรหัสเชิญต้องอย่างน้อย 1 นาที เช่น 7d = 7 วัน, 12h = 12 ชั่วโมง, 30m = 30 นาที)";

    public const string ExpiresInBad =
        "--expires-in must be a whole number followed by d, h or m (e.g. 7d, 12h, 30m), at most 365d. (อายุรหัสเชิญต้องเป็นจำนวนเต็มตามด้วย d วัน, h ชั่วโมง หรือ m นาที ไม่เกิน 365d)";

    public const string CodeShownOnce =
        "The code is shown only this once (only its hash is stored): pass it on now. (รหัสแสดงครั้งเดียวเท่านั้น ส่งต่อให้ผู้รับทันที)";

    public static string InvitationCount(int n, string zone) =>
        $"{Count(n, "invitation", "invitations")}; times are {zone} ({N(n)} รหัสเชิญ เวลา {zone})";

    public static string InvitationRevoked(int id, string? agency, string role, string hint) =>
        string.Create(CultureInfo.InvariantCulture, $"Invitation {id} ({agency}, {role}, …{hint}) revoked: the code no longer works. (ยกเลิกรหัสเชิญ {id} แล้ว ใช้รหัสนี้ไม่ได้อีก)");

    public static string InvitationCreated(int id, string code, string name, string role, int uses) =>
        string.Create(CultureInfo.InvariantCulture, $"Invitation {id} for {code} {name} ({role}, up to {Count(uses, "use", "uses")}) (สร้างรหัสเชิญสำหรับ {name} ใช้ได้ {uses} ครั้ง)");

    // ---- score / report -----------------------------------------------------------------------------------------

    public static string FileErrors(string path, int n) =>
        $"{path} has {Count(n, "error", "errors")} (พบข้อผิดพลาด {N(n)} รายการ):";

    // ---- national report and answers import/export -------------------------------------------------------------

    public static string NationalReportWritten(string path, string detail, string round, int submitted, int surveyed) =>
        $"Wrote {path} ({detail}, round {round}, {N(submitted)} of {Count(surveyed, "agency", "agencies")} submitted) (เขียนรายงานภาพรวมทั้งประเทศ รอบ {round} แล้ว หน่วยงานส่งคำตอบ {N(submitted)} จาก {N(surveyed)} หน่วยงาน)";

    public static string NoSuchAgency(string code) => $"No agency {code} (see 'dgbot agencies list'). (ไม่พบหน่วยงานรหัส {code})";

    public static string ImportRoundClosed(string round) =>
        $"Round {round} is closed: its answers are not changed; add --force to enter them anyway. (รอบ {round} ปิดแล้ว หากจำเป็นต้องบันทึกคำตอบ ให้เพิ่ม --force)";

    public static string ImportPastDeadline(string round, string deadline) =>
        $"Round {round} ended on {deadline}: add --force to enter answers after the deadline. (รอบ {round} สิ้นสุดเมื่อ {deadline} หากจำเป็นต้องบันทึกคำตอบ ให้เพิ่ม --force)";

    public const string NoAnswersImported = "Nothing was imported; fix the file and import it again. (ยังไม่ได้บันทึกคำตอบใด กรุณาแก้ไขไฟล์แล้วนำเข้าอีกครั้ง)";

    public static string AnswersImported(string file, string code, string name, string round, int added, int changed, int unchanged, int kept) =>
        $"{file}: answers of {code} {name}, round {round}: {N(added)} added, {N(changed)} changed, {N(unchanged)} unchanged, {N(kept)} kept from before (นำเข้าคำตอบของ {name} รอบ {round} แล้ว เพิ่ม {N(added)} แก้ไข {N(changed)} ไม่เปลี่ยน {N(unchanged)} คงเดิม {N(kept)} ข้อ)";

    public static string ImportOpenQuestions(int open) =>
        $"Not submitted: {Count(open, "question is", "questions are")} still unanswered. (ยังไม่ส่งคำตอบ เหลือ {N(open)} ข้อที่ยังไม่ได้ตอบ)";

    public const string ImportSubmitted = "Every question is answered: the response is now submitted. (ตอบครบทุกข้อแล้ว บันทึกเป็นส่งคำตอบเรียบร้อย)";

    public const string ImportAlreadySubmitted = "The response was already submitted. (หน่วยงานนี้ส่งคำตอบไว้แล้ว)";

    public static string ImportOverall(string score) => $"Overall score {score} (คะแนนเฉลี่ยรวม {score})";

    public static string NoAnswersToExport(string code, string round) =>
        $"{code} has no answers in round {round}. (หน่วยงาน {code} ยังไม่มีคำตอบในรอบ {round})";

    public static string AnswersExported(string path, int count, string code, string round) =>
        $"Wrote {path} ({Count(count, "answer", "answers")} of {code}, round {round}) (ส่งออกคำตอบ {N(count)} ข้อ ของ {code} รอบ {round} แล้ว)";
}
