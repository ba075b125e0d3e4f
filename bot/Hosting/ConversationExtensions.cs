using DgBot.Core.Conversation;

namespace DgBot.Bot.Hosting;

/// <summary>
/// Registers the conversation: the built-in framework and questionnaires, the administrators, the privacy notice's
/// and the results' settings (<c>Privacy</c>, <c>Results</c>, checked at start), and the core's
/// <see cref="TurnRunner"/> with its flows, services and turn store (<see cref="ConversationServices.AddConversationCore"/>).
/// </summary>
public static class ConversationExtensions
{
    public static IHostApplicationBuilder AddConversation(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(_ => SurveyCatalog.BuiltIn());
        var privacy = builder.Configuration.GetSection("Privacy").Get<PrivacyOptions>() ?? new PrivacyOptions();
        if (privacy.RetentionDays < 1 || string.IsNullOrWhiteSpace(privacy.Controller) || string.IsNullOrWhiteSpace(privacy.Contact))
        {
            throw new Operations.StartupException("Privacy: Controller and Contact must be set and RetentionDays must be at least 1 (ต้องระบุผู้ควบคุมข้อมูล ช่องทางติดต่อ และจำนวนวันที่เก็บข้อมูลอย่างน้อย 1 วัน).");
        }

        builder.Services.AddSingleton(new EngineOptions { Admins = ReadAdmins(builder.Configuration), Privacy = privacy });
        builder.Services.AddOptions<Core.Reports.ResultsOptions>()
            .BindConfiguration(Core.Reports.ResultsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddConversationCore();
        return builder;
    }

    /// <summary>
    /// <c>Admins</c> lists administrators as "channel:userId", either as an array (<c>Admins:0</c>, <c>Admins__0</c>) or as
    /// one comma-separated value (<c>Admins=telegram:123,line:U4af…</c>).
    /// </summary>
    internal static HashSet<string> ReadAdmins(IConfiguration configuration)
    {
        var section = configuration.GetSection("Admins");
        var values = section.GetChildren().Select(c => c.Value).Append(section.Value);
        return values
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .SelectMany(v => v!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
