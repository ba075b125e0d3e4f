using System.Net;
using DgBot.Core.Access;
using DgBot.Core.Content;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Reports;
using DgBot.Core.Reports.Documents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DgBot.Bot.Hosting;

/// <summary>
/// <c>GET /reports/{token}</c>: the report PDF behind a link given in a chat that cannot receive files (LINE). The token
/// is looked up by its hash; an unknown one answers 404, an expired or revoked one 410, each with a short Thai page.
/// A valid one is re-checked against the person's access as it is now (<see cref="ReportLinks.OpenAsync"/>), the view is
/// written to the access log, and the report is built afresh and served as <c>application/pdf</c> with
/// <c>Cache-Control: no-store</c>, so no proxy or browser cache keeps a copy.
/// </summary>
public static partial class ReportLinkEndpoints
{
    public static IHostApplicationBuilder AddReportLinks(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ReportsOptions>()
            .BindConfiguration(ReportsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<NoPublicBaseUrlWarning>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReportLinks(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGroup("/reports").MapGet("/{token}", OpenAsync).ExcludeFromDescription();
        return app;
    }

    internal static async Task<Results<FileContentHttpResult, ContentHttpResult>> OpenAsync(
        string token,
        HttpContext http,
        DgBotDbContext db,
        ReportLinks links,
        ReportBuilderService reports,
        AccessLog log,
        EngineOptions engine,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        // Nothing of a report page is kept or passed on: not by a cache, nor in the Referer of a click out of the PDF.
        http.Response.Headers.CacheControl = "no-store, private";
        http.Response.Headers.Pragma = "no-cache";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";

        try
        {
            return await ServeAsync(token, db, links, reports, log, engine, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or DbUpdateException or IOException)
        {
            // The database is busy or failing: a plain Thai page asking to try again later, never a bare 500.
            LogOpenFailed(loggers.CreateLogger(typeof(ReportLinkEndpoints)), e);
            return Page(StatusCodes.Status503ServiceUnavailable, MessageKeys.ReportLinkFailed);
        }
    }

    private static async Task<Results<FileContentHttpResult, ContentHttpResult>> ServeAsync(
        string token,
        DgBotDbContext db,
        ReportLinks links,
        ReportBuilderService reports,
        AccessLog log,
        EngineOptions engine,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var opening = await links.OpenAsync(token, u => engine.IsAdmin(u.Channel, u.PlatformUserId), cancellationToken).ConfigureAwait(false);
        switch (opening.Status)
        {
            case ReportLinkStatus.Unknown:
                return Page(StatusCodes.Status404NotFound, MessageKeys.ReportLinkUnknown);
            case ReportLinkStatus.Expired:
                return Page(StatusCodes.Status410Gone, MessageKeys.ReportLinkExpired);
            case ReportLinkStatus.Revoked:
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return Page(StatusCodes.Status410Gone, MessageKeys.ReportLinkRevoked);
        }

        var link = opening.Link!;
        var user = opening.User!;
        var round = opening.Round!;
        var built = opening.Agency is { } agency
            ? await reports.AgencyAsync(agency, round, cancellationToken).ConfigureAwait(false)
            : await reports.ProvinceAsync(link.Province!, round, cancellationToken).ConfigureAwait(false);
        var pdf = built.RenderPdf();
        log.Link(
            time.GetUtcNow().UtcDateTime,
            user,
            engine.IsAdmin(user.Channel, user.PlatformUserId),
            opening.Agency is null ? ResultsViewKind.ProvinceReport : ResultsViewKind.AgencyReport,
            opening.Agency,
            link.Province,
            round.Name);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.File(pdf, "application/pdf", built.FileName);
    }

    private static ContentHttpResult Page(int status, string key)
    {
        var text = WebUtility.HtmlEncode(Messages.Get(key));
        var html = "<!doctype html><html lang=\"th\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<meta name=\"robots\" content=\"noindex\"><title>DgBot</title></head><body style=\"font-family:sans-serif;margin:2em;font-size:1.1em\"><p>"
            + text + "</p></body></html>";
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    [LoggerMessage(EventId = 1602, Level = LogLevel.Error, Message = "Opening a report link failed")]
    private static partial void LogOpenFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "LINE is on but Reports:PublicBaseUrl is not set: LINE users who ask for a report are told to ask on Telegram or the administrator (set Reports__PublicBaseUrl to the bot's public https:// address to send them a link).")]
    internal static partial void LogNoPublicBaseUrl(ILogger logger);
}

/// <summary>Says at start, in one warning line, that LINE users cannot get report links.</summary>
internal sealed class NoPublicBaseUrlWarning(IConfiguration configuration, IOptions<ReportsOptions> options, ILogger<NoPublicBaseUrlWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(configuration["Line:ChannelSecret"]) && options.Value.PublicBaseUrl is null)
        {
            ReportLinkEndpoints.LogNoPublicBaseUrl(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
