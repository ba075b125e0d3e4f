using DgBot.Core.Conversation;
using DgBot.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DgBot.Core.Data.Configurations;

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        builder.HasIndex(a => a.Code).IsUnique();
        builder.HasIndex(a => a.Province);
        builder.Property(a => a.Code).HasMaxLength(64);
        builder.Property(a => a.NameTh).HasMaxLength(300);
        builder.Property(a => a.Province).HasMaxLength(100);
        builder.Property(a => a.Type).HasMaxLength(100);
    }
}

internal sealed class SurveyRoundConfiguration : IEntityTypeConfiguration<SurveyRound>
{
    public void Configure(EntityTypeBuilder<SurveyRound> builder)
    {
        builder.HasIndex(r => r.Name).IsUnique();
        builder.Property(r => r.Name).HasMaxLength(64);
        builder.Property(r => r.QuestionnaireVersion).HasMaxLength(32);
        builder.Property(r => r.ReminderDays).HasMaxLength(64);
        builder.Property(r => r.SendWindow).HasMaxLength(32);
    }
}

internal sealed class ResponseConfiguration : IEntityTypeConfiguration<Response>
{
    public void Configure(EntityTypeBuilder<Response> builder)
    {
        builder.HasIndex(r => new { r.AgencyId, r.RoundId }).IsUnique();
        builder.HasOne(r => r.Agency).WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Round).WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Answers).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne<ChatUser>().WithMany().HasForeignKey(r => r.SubmittedByUserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AnswerConfiguration : IEntityTypeConfiguration<Answer>
{
    public void Configure(EntityTypeBuilder<Answer> builder)
    {
        builder.HasIndex(a => new { a.ResponseId, a.QuestionId }).IsUnique();
        builder.Property(a => a.QuestionId).HasMaxLength(32);
        builder.Property(a => a.Value).HasMaxLength(2000);
        builder.Property(a => a.EnteredBy).HasMaxLength(128);
        builder.HasOne(a => a.AnsweredBy).WithMany().HasForeignKey(a => a.AnsweredByUserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AnswerAuditConfiguration : IEntityTypeConfiguration<AnswerAudit>
{
    public void Configure(EntityTypeBuilder<AnswerAudit> builder)
    {
        builder.HasIndex(a => new { a.ResponseId, a.QuestionId });
        builder.Property(a => a.QuestionId).HasMaxLength(32);
        builder.Property(a => a.OldValue).HasMaxLength(2000);
        builder.Property(a => a.NewValue).HasMaxLength(2000);
        builder.HasOne<Response>().WithMany().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ChatUser>().WithMany().HasForeignKey(a => a.ChangedByUserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ChatUserConfiguration : IEntityTypeConfiguration<ChatUser>
{
    public void Configure(EntityTypeBuilder<ChatUser> builder)
    {
        builder.HasIndex(u => new { u.Channel, u.PlatformUserId }).IsUnique();
        builder.HasIndex(u => u.AgencyId);
        builder.Property(u => u.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(u => u.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(u => u.PlatformUserId).HasMaxLength(128);
        builder.Property(u => u.ChatId).HasMaxLength(128);
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.State)
            .HasConversion(s => s.ToJson(), json => ConversationState.FromJson(json))
            .Metadata.SetValueComparer(new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<ConversationState>(
                // Compared field by field (lists item by item); the state is immutable (changed by replacing it), so
                // the snapshot is the instance itself.
                (a, b) => Equals(a, b),
                s => s.GetHashCode(),
                s => s));
        builder.HasOne(u => u.Agency).WithMany().HasForeignKey(u => u.AgencyId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.HasIndex(i => i.CodeHash).IsUnique();
        builder.Property(i => i.CodeHash).HasMaxLength(64);
        builder.Property(i => i.CodeHint).HasMaxLength(8);
        builder.Property(i => i.Role).HasConversion<string>().HasMaxLength(16);
        builder.HasOne(i => i.Agency).WithMany().HasForeignKey(i => i.AgencyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class JoinFailureConfiguration : IEntityTypeConfiguration<JoinFailure>
{
    public void Configure(EntityTypeBuilder<JoinFailure> builder)
    {
        builder.HasIndex(f => new { f.Channel, f.PlatformUserId, f.AtUtc });
        builder.Property(f => f.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.PlatformUserId).HasMaxLength(128);
    }
}

internal sealed class ProcessedEventConfiguration : IEntityTypeConfiguration<ProcessedEvent>
{
    public void Configure(EntityTypeBuilder<ProcessedEvent> builder)
    {
        builder.HasKey(e => e.Key);
        builder.Property(e => e.Key).HasMaxLength(160);
        builder.HasIndex(e => e.ProcessedUtc);
    }
}

internal sealed class InboxEventConfiguration : IEntityTypeConfiguration<InboxEvent>
{
    public void Configure(EntityTypeBuilder<InboxEvent> builder)
    {
        builder.ToTable("InboxEvents");
        builder.Property(e => e.Channel).HasMaxLength(16);
        builder.Property(e => e.EventKey).HasMaxLength(160);
        builder.Property(e => e.ChatId).HasMaxLength(128);
        builder.HasIndex(e => new { e.Channel, e.EventKey }).IsUnique();
        builder.HasIndex(e => e.ProcessedUtc);
    }
}

internal sealed class ReportLinkConfiguration : IEntityTypeConfiguration<ReportLink>
{
    public void Configure(EntityTypeBuilder<ReportLink> builder)
    {
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => l.ExpiresUtc);
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.Property(l => l.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.Scope).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.Province).HasMaxLength(100);

        // The link belongs to the person: erasing them (on request or after retention) deletes it.
        builder.HasOne<ChatUser>().WithMany().HasForeignKey(l => l.ChatUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Agency>().WithMany().HasForeignKey(l => l.AgencyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SurveyRound>().WithMany().HasForeignKey(l => l.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}
