using DgBot.Core.Data.Entities;
using DgBot.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DgBot.Core.Data.Configurations;

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");

        // Enqueueing is idempotent: one message per round, slot and recipient.
        builder.HasIndex(m => new { m.RoundId, m.Slot, m.RecipientUserId }).IsUnique();

        // The senders' query: pending (or in-flight) messages of one channel, oldest due first.
        builder.HasIndex(m => new { m.Channel, m.Status, m.NextAttemptUtc });
        builder.HasIndex(m => m.BatchKey);
        builder.Property(m => m.Slot).HasMaxLength(64);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.ChatId).HasMaxLength(128);
        builder.Property(m => m.Text).HasMaxLength(OutboxMessage.MaxTextLength);
        builder.Property(m => m.SendWindow).HasMaxLength(32);
        builder.Property(m => m.LastError).HasMaxLength(300);
        builder.HasOne<SurveyRound>().WithMany().HasForeignKey(m => m.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ChatUser>().WithMany().HasForeignKey(m => m.RecipientUserId).OnDelete(DeleteBehavior.Cascade);
    }
}
