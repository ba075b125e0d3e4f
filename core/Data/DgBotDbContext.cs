using DgBot.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DgBot.Core.Data;

/// <summary>The bot's SQLite database. Mappings live in <c>Configurations/</c>.</summary>
public sealed class DgBotDbContext(DbContextOptions<DgBotDbContext> options) : DbContext(options)
{
    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<SurveyRound> Rounds => Set<SurveyRound>();

    public DbSet<Response> Responses => Set<Response>();

    public DbSet<Answer> Answers => Set<Answer>();

    public DbSet<AnswerAudit> AnswerAudits => Set<AnswerAudit>();

    public DbSet<ChatUser> ChatUsers => Set<ChatUser>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<JoinFailure> JoinFailures => Set<JoinFailure>();

    public DbSet<ProcessedEvent> ProcessedEvents => Set<ProcessedEvent>();

    public DbSet<InboxEvent> InboxEvents => Set<InboxEvent>();

    public DbSet<Outbox.OutboxMessage> Outbox => Set<Outbox.OutboxMessage>();

    /// <summary>Every view of an agency's or a province's results; rows are only added (see <see cref="AccessLogEntry"/>).</summary>
    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();

    /// <summary>Links to report PDFs for chats that cannot receive files (LINE); only the token's hash is stored.</summary>
    public DbSet<ReportLink> ReportLinks => Set<ReportLink>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DgBotDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // Stored dates are UTC; SQLite keeps no kind, so give it back on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}
