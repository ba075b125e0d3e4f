# DgBot: one container, one SQLite database on the /data volume.
#   docker build -t dgbot .
#   docker run -d --name dgbot --restart unless-stopped -p 8080:8080 -v dgbot-data:/data \
#     -e Telegram__Token=... -e Admins=telegram:123456789 dgbot
# See docs/operations.md and docs/configuration.md.

# ---- build: restore and publish with the .NET 10 SDK ----
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# global.json is left out on purpose: it pins the developers' SDK band; the image's 10.0 SDK builds the same code.
COPY Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY core/DgBot.Core.csproj core/
COPY bot/DgBot.Bot.csproj bot/
RUN dotnet restore bot/DgBot.Bot.csproj
COPY core/ core/
COPY bot/ bot/
RUN dotnet publish bot -c Release -o /app

# ---- run: the ASP.NET Core runtime (Ubuntu; ICU and tzdata included, user 'app') ----
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# libfontconfig1: SkiaSharp's native library needs it to load (so SkiaSharp.NativeAssets.Linux, not the NoDependencies
# variant); the Thai fonts ship with the bot (Loma for the chart, Laksaman for the PDF/Word reports, embedded in DgBot.Core).
# tzdata: Asia/Bangkok for Thai dates (the bot also falls back to a fixed UTC+7 zone without it).
USER root
RUN apt-get update \
    && apt-get install -y --no-install-recommends libfontconfig1 tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data \
    && chown app:app /data \
    && chmod 0700 /data
# Full globalization (ICU) for Thai sorting and th-TH formatting: never the invariant mode.
ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false \
    ConnectionStrings__DgBot="Data Source=/data/dgbot.db" \
    ASPNETCORE_HTTP_PORTS=8080 \
    Logging__Format=json
WORKDIR /app
COPY --from=build /app ./
VOLUME /data
USER app
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["dotnet", "/app/dgbot.dll", "healthcheck", "--url", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["dotnet", "/app/dgbot.dll"]
CMD ["serve"]
