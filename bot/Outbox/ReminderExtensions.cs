using DgBot.Bot.Line;
using DgBot.Bot.Telegram;
using DgBot.Core.Reminders;
using DgBot.Core.Rounds;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DgBot.Bot.Outbox;

/// <summary>Registers the reminder schedule and the outbox senders of the configured platforms.</summary>
public static class ReminderExtensions
{
    public static IHostApplicationBuilder AddReminders(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddReminderServices();
        if (!builder.Configuration.GetValue($"{ReminderOptions.SectionName}:{nameof(ReminderOptions.Enabled)}", true))
        {
            return builder;
        }

        services.TryAddSingleton<OutboxDepth>();
        services.AddHostedService<ReminderScheduler>();
        if (!string.IsNullOrWhiteSpace(builder.Configuration[$"{TelegramOptions.Section}:Token"]))
        {
            services.AddHostedService<TelegramOutboxSender>();
        }

        if (!string.IsNullOrWhiteSpace(builder.Configuration[$"{LineOptions.SectionName}:{nameof(LineOptions.ChannelSecret)}"]))
        {
            services.AddHostedService<LineOutboxSender>();
        }

        return builder;
    }

    /// <summary>Options (validated at start-up) and the planner, for the host and for the CLI.</summary>
    public static IServiceCollection AddReminderServices(this IServiceCollection services)
    {
        services.AddOptions<ReminderOptions>()
            .BindConfiguration(ReminderOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<RoundStatusService>();
        services.TryAddScoped<ReminderPlanner>();
        return services;
    }
}
