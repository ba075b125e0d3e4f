using DgBot.Core.Conversation.Flows;
using DgBot.Core.Data;
using DgBot.Core.Invitations;
using DgBot.Core.Reports;
using DgBot.Core.Rounds;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DgBot.Core.Conversation;

/// <summary>The registrations of the conversation core, shared by the host and the tests so both build the same engine.</summary>
public static class ConversationServices
{
    /// <summary>
    /// Registers <see cref="TurnRunner"/> as <see cref="IConversationEngine"/>, its flows, the services they use and the
    /// default <see cref="ITurnStore"/>, all scoped (one turn, one scope, one <see cref="DgBotDbContext"/>), and the
    /// in-process turn ordering. The caller registers <see cref="DgBotDbContext"/>, <see cref="TimeProvider"/>,
    /// <see cref="SurveyCatalog"/> and <see cref="EngineOptions"/>; <see cref="ResultsOptions"/> and <see cref="ReportsOptions"/> keep their defaults unless configured.
    /// </summary>
    public static IServiceCollection AddConversationCore(this IServiceCollection services)
    {
        services.TryAddSingleton<UserTurnLocks>();
        services.TryAddScoped<ITurnStore, EfTurnStore>();
        services.TryAddScoped<InvitationService>();
        services.TryAddScoped<RoundService>();
        services.TryAddScoped<ResultsService>();
        services.TryAddScoped<AgencyReportService>();
        services.TryAddScoped<Access.AccessLog>();
        services.AddOptions<ResultsOptions>();
        services.AddOptions<ReportsOptions>();
        services.TryAddScoped<ReportLinks>();
        services.TryAddScoped<Reports.Documents.ReportBuilderService>();
        services.TryAddScoped<SurveyLoader>();
        services.TryAddScoped<Privacy.RetentionEraser>();
        services.TryAddScoped<WelcomeFlow>();
        services.TryAddScoped<JoinFlow>();
        services.TryAddScoped<MenuFlow>();
        services.TryAddScoped<SurveyFlow>();
        services.TryAddScoped<SubmitFlow>();
        services.TryAddScoped<OfficerFlow>();
        services.TryAddScoped<ResultsFlow>();
        services.TryAddScoped<ReportFlow>();
        services.TryAddScoped<ForgetFlow>();
        services.TryAddScoped<TurnRouter>();
        services.TryAddScoped<TurnRunner>();
        services.TryAddScoped<IConversationEngine>(sp => sp.GetRequiredService<TurnRunner>());
        return services;
    }
}
