using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Tests.Conversation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Tests.Data;

public sealed class PreparedChangeWriterTests
{
    private static readonly string[] Tables = ["ChatUsers", "Responses", "Answers", "AnswerAudits", "ProcessedEvents"];

    [Fact]
    public async Task WritesTheSameRowsAsSaveChanges()
    {
        await using var byEf = await EngineHarness.CreateAsync();
        await using var byWriter = await EngineHarness.CreateAsync();
        var efIds = await SeedAsync(byEf);
        var writerIds = await SeedAsync(byWriter);
        Assert.Equal(efIds, writerIds);

        await using (var db = byEf.NewDb())
        {
            await ApplyTurnAsync(db, efIds, byEf.Time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }

        await using (var db = byWriter.NewDb())
        {
            var added = await ApplyTurnAsync(db, writerIds, byWriter.Time.GetUtcNow().UtcDateTime);
            var changes = PreparedChangeWriter.TryPlan(db);
            Assert.NotNull(changes);
            Assert.Equal(6, changes.Count);
            await WriteAsync(byWriter, db, changes);

            // Saved as SaveChanges leaves them: nothing pending, the new answer carries its row id.
            Assert.All(db.ChangeTracker.Entries(), e => Assert.Equal(EntityState.Unchanged, e.State));
            Assert.True(added.Id > 0);
            Assert.False(db.ChangeTracker.HasChanges());
        }

        foreach (var table in Tables)
        {
            Assert.Equal(await RowsAsync(byEf, table), await RowsAsync(byWriter, table));
        }

        await using var check = byWriter.NewDb();
        var user = await check.ChatUsers.SingleAsync(u => u.Id == writerIds.User);
        Assert.Equal("q-07", user.State.QuestionId);
        Assert.Equal(["q-02", "q-05"], user.State.Skipped);
        Assert.Equal(DateTimeKind.Utc, (await check.Answers.FirstAsync()).AnsweredUtc.Kind);
    }

    [Fact]
    public async Task LeavesDeletionsAndNewPrincipalsWithDependentsToSaveChanges()
    {
        await using var h = await EngineHarness.CreateAsync();
        var ids = await SeedAsync(h);
        var now = h.Time.GetUtcNow().UtcDateTime;

        await using (var db = h.NewDb())
        {
            db.Answers.Remove(await db.Answers.FirstAsync());
            Assert.Null(PreparedChangeWriter.TryPlan(db));
        }

        await using (var db = h.NewDb())
        {
            // A new person and an answer that names them in one save: the answer needs the person's row id first.
            var person = new ChatUser(ChannelKind.Line, "U77", "U77", "คุณใหม่", now);
            db.ChatUsers.Add(person);
            Assert.NotNull(PreparedChangeWriter.TryPlan(db));
            var answer = new Answer(ids.Response, "q-04", "1", null, now);
            db.Answers.Add(answer);
            db.Entry(answer).Reference(a => a.AnsweredBy).CurrentValue = person;
            Assert.Null(PreparedChangeWriter.TryPlan(db));
        }
    }

    [Fact]
    public async Task AFailedWriteMarksNothingSavedAndThrowsWhatSaveChangesThrows()
    {
        await using var h = await EngineHarness.CreateAsync();
        var ids = await SeedAsync(h);
        var now = h.Time.GetUtcNow().UtcDateTime;

        await using (var db = h.NewDb())
        {
            // The question already has an answer in this response: the unique index refuses a second one.
            var duplicate = new Answer(ids.Response, "q-01", "3", ids.User, now);
            db.Answers.Add(duplicate);
            var changes = PreparedChangeWriter.TryPlan(db)!;
            await Assert.ThrowsAsync<DbUpdateException>(() => WriteAsync(h, db, changes));
            Assert.Equal(EntityState.Added, db.Entry(duplicate).State);
        }

        await using (var db = h.NewDb())
        {
            var user = await db.ChatUsers.SingleAsync(u => u.Id == ids.User);
            user.SetState(user.State with { QuestionId = "q-09" });
            await using (var other = h.NewDb())
            {
                // Someone removed the row since it was read.
                await other.Database.ExecuteSqlRawAsync("DELETE FROM \"ChatUsers\" WHERE \"Id\" = {0}", ids.User);
            }

            var changes = PreparedChangeWriter.TryPlan(db)!;
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => WriteAsync(h, db, changes));
            Assert.Equal(EntityState.Modified, db.Entry(user).State);
        }
    }

    private static async Task WriteAsync(EngineHarness h, DgBotDbContext db, IReadOnlyList<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry> changes)
    {
        await using var connection = new SqliteConnection("Data Source=" + h.DatabasePath + ";Pooling=False");
        await connection.OpenAsync();
        SqliteSetup.ApplyPragmas(connection);
        using var writer = new PreparedChangeWriter(connection);
        using var transaction = connection.BeginTransaction();
        writer.Write(db, changes, transaction);
        transaction.Commit();
    }

    private sealed record Ids(int Agency, int Round, int Response, int User);

    private static async Task<Ids> SeedAsync(EngineHarness h)
    {
        var now = h.Time.GetUtcNow().UtcDateTime;
        var agency = await h.AddAgencyAsync("LP-01", "สำนักงานทดสอบ");
        await using var db = h.NewDb();
        var round = new SurveyRound("2569", now.AddDays(30), h.Catalog.Current.Version, now);
        db.Rounds.Add(round);
        var user = new ChatUser(ChannelKind.Telegram, "501", "501", "คุณทดสอบ", now);
        user.Join(agency.Id, UserRole.Staff, now);
        db.ChatUsers.Add(user);
        await db.SaveChangesAsync();
        var response = new Response(agency.Id, round.Id, now);
        db.Responses.Add(response);
        await db.SaveChangesAsync();
        db.Answers.Add(new Answer(response.Id, "q-01", "2", user.Id, now));
        await db.SaveChangesAsync();
        return new Ids(agency.Id, round.Id, response.Id, user.Id);
    }

    /// <summary>What an answer turn changes: the person's state, an answer changed and one added, their audit, the response, the event.</summary>
    private static async Task<Answer> ApplyTurnAsync(DgBotDbContext db, Ids ids, DateTime start)
    {
        var now = start.AddMinutes(3).AddTicks(1234567);
        var user = await db.ChatUsers.SingleAsync(u => u.Id == ids.User);
        user.Seen("501", "คุณทดสอบ \"ชื่อใหม่\"", now);
        user.SetState(user.State with { Mode = ConversationMode.Survey, QuestionId = "q-07", Skipped = ["q-02", "q-05"] });
        var response = await db.Responses.SingleAsync(r => r.Id == ids.Response);
        response.Touch(now);
        var changed = await db.Answers.SingleAsync(a => a.ResponseId == ids.Response && a.QuestionId == "q-01");
        changed.Change("4", ids.User, now);
        var added = new Answer(ids.Response, "q-03", "ใช่ 100%", null, now);
        db.Answers.Add(added);
        db.AnswerAudits.Add(new AnswerAudit(ids.Response, "q-01", "2", "4", ids.User, now));
        db.ProcessedEvents.Add(new ProcessedEvent("telegram:77", now));
        return added;
    }

    /// <summary>Every row of the table as SQLite stores it (storage class and value of each column).</summary>
    private static async Task<List<string>> RowsAsync(EngineHarness h, string table)
    {
        await using var connection = new SqliteConnection("Data Source=" + h.DatabasePath + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i =>
                reader.GetName(i) + "=" + (reader.IsDBNull(i) ? "NULL" : reader.GetDataTypeName(i) + ":" + Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)))));
        }

        return rows;
    }
}
