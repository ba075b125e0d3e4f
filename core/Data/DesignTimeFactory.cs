using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DgBot.Core.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the bot's host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<DgBotDbContext>
{
    public DgBotDbContext CreateDbContext(string[] args) =>
        new(Options());

    private static DbContextOptions<DgBotDbContext> Options()
    {
        var builder = new DbContextOptionsBuilder<DgBotDbContext>();
        builder.UseDgBotSqlite("Data Source=design-time.db");
        return builder.Options;
    }
}
