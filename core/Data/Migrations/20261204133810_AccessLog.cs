using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DgBot.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AccessLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccessLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ViewedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ViewerUserId = table.Column<int>(type: "INTEGER", nullable: true),
                    OperatorName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: true),
                    AgencyCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Province = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RoundName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessLog", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccessLog_AgencyCode_ViewedUtc",
                table: "AccessLog",
                columns: new[] { "AgencyCode", "ViewedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AccessLog_ViewedUtc",
                table: "AccessLog",
                column: "ViewedUtc");

            // Append-only: the database itself refuses to change or remove a row, whatever the code (or a shell) tries.
            migrationBuilder.Sql("""
                CREATE TRIGGER "AccessLog_NoUpdate" BEFORE UPDATE ON "AccessLog"
                BEGIN SELECT RAISE(ABORT, 'AccessLog is append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AccessLog_NoDelete" BEFORE DELETE ON "AccessLog"
                BEGIN SELECT RAISE(ABORT, 'AccessLog is append-only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AccessLog_NoDelete\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AccessLog_NoUpdate\";");
            migrationBuilder.DropTable(
                name: "AccessLog");
        }
    }
}
