using DgBot.Core.Agencies;
using DgBot.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DgBot.Core.Tests.Agencies;

public sealed class AgencyImporterTests : IAsyncLifetime
{
    private const string Csv = """
        code,name,province,type
        LPG-01,สำนักงานจังหวัดลำปาง,ลำปาง,จังหวัด
        LPG-02,องค์การบริหารส่วนจังหวัดลำปาง,ลำปาง,ท้องถิ่น
        LPG-03,ศูนย์ดำรงธรรมจังหวัดลำปาง,ลำปาง,จังหวัด
        """;

    private readonly string path = Path.Combine(Path.GetTempPath(), $"dgbot-import-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 24, 3, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        await using var db = NewContext();
        await SqliteSetup.MigrateAsync(db);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task AddsNewAgenciesThenChangesNothingOnReimport()
    {
        var first = await ImportAsync(Csv);
        Assert.Equal(["LPG-01", "LPG-02", "LPG-03"], first.Added);
        Assert.Empty(first.Updated);
        Assert.True(first.Succeeded);

        var second = await ImportAsync(Csv);
        Assert.Empty(second.Added);
        Assert.Empty(second.Updated);
        Assert.Equal(3, second.Unchanged.Count);

        await using var db = NewContext();
        var agencies = await db.Agencies.OrderBy(a => a.Code).ToListAsync();
        Assert.Equal(3, agencies.Count);
        Assert.Equal("ท้องถิ่น", agencies[1].Type);
        Assert.All(agencies, a => Assert.Equal(time.GetUtcNow().UtcDateTime, a.CreatedUtc));
    }

    [Fact]
    public async Task UpdatesOnlyTheChangedRowAndKeepsItsId()
    {
        await ImportAsync(Csv);
        int idBefore;
        await using (var db = NewContext())
        {
            idBefore = (await db.Agencies.SingleAsync(a => a.Code == "LPG-02")).Id;
        }

        var changed = Csv.Replace("องค์การบริหารส่วนจังหวัดลำปาง,ลำปาง,ท้องถิ่น", "อบจ.ลำปาง,ลำปาง,ท้องถิ่น", StringComparison.Ordinal);
        var result = await ImportAsync(changed);

        Assert.Equal(["LPG-02"], result.Updated);
        Assert.Empty(result.Added);
        Assert.Equal(2, result.Unchanged.Count);
        await using (var db = NewContext())
        {
            var agency = await db.Agencies.SingleAsync(a => a.Code == "LPG-02");
            Assert.Equal(idBefore, agency.Id);
            Assert.Equal("อบจ.ลำปาง", agency.NameTh);
        }
    }

    [Fact]
    public async Task ImportsValidRowsAndReportsRejectedOnes()
    {
        var result = await ImportAsync(Csv + "\n,ไม่มีรหัส,ลำปาง,จังหวัด\nLPG-01,ซ้ำ,ลำปาง,จังหวัด\n");

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.Added.Count);
        Assert.Equal([5, 6], result.Rejected.Select(r => r.Line));
        await using var db = NewContext();
        Assert.Equal(3, await db.Agencies.CountAsync());
        Assert.Equal("สำนักงานจังหวัดลำปาง", (await db.Agencies.SingleAsync(a => a.Code == "LPG-01")).NameTh);
    }

    [Fact]
    public async Task ImportsNothingWhenTheHeaderIsWrong()
    {
        var result = await ImportAsync("LPG-01,สำนักงานจังหวัดลำปาง,ลำปาง,จังหวัด\n");

        Assert.NotNull(result.Error);
        Assert.False(result.Succeeded);
        await using var db = NewContext();
        Assert.Equal(0, await db.Agencies.CountAsync());
    }

    private async Task<AgencyImportResult> ImportAsync(string csv)
    {
        await using var db = NewContext();
        var result = await new AgencyImporter(db, time).ImportAsync(csv, CancellationToken.None);
        await db.SaveChangesAsync();
        return result;
    }

    private DgBotDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<DgBotDbContext>();
        options.UseDgBotSqlite($"Data Source={path}");
        return new DgBotDbContext(options.Options);
    }
}
