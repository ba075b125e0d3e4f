using DgBot.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DgBot.Core.Data.Configurations;

/// <summary>
/// The access log: no foreign keys (a row must outlive the person, the agency's rename and the round), so no cascade
/// can ever delete or rewrite a row. The AccessLog migration adds triggers that refuse UPDATE and DELETE.
/// </summary>
internal sealed class AccessLogConfiguration : IEntityTypeConfiguration<AccessLogEntry>
{
    /// <summary>The table's name, also used by the migration's triggers.</summary>
    public const string Table = "AccessLog";

    public void Configure(EntityTypeBuilder<AccessLogEntry> builder)
    {
        builder.ToTable(Table);
        builder.HasIndex(e => e.ViewedUtc);
        builder.HasIndex(e => new { e.AgencyCode, e.ViewedUtc });
        builder.Property(e => e.OperatorName).HasMaxLength(128);
        builder.Property(e => e.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Channel).HasMaxLength(16);
        builder.Property(e => e.Scope).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.AgencyCode).HasMaxLength(64);
        builder.Property(e => e.Province).HasMaxLength(100);
        builder.Property(e => e.RoundName).HasMaxLength(64);
    }
}
