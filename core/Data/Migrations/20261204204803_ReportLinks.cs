using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DgBot.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReportLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ChatUserId = table.Column<int>(type: "INTEGER", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UserAgencyId = table.Column<int>(type: "INTEGER", nullable: true),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: true),
                    Province = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Views = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportLinks_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReportLinks_ChatUsers_ChatUserId",
                        column: x => x.ChatUserId,
                        principalTable: "ChatUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReportLinks_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReportLinks_AgencyId",
                table: "ReportLinks",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportLinks_ChatUserId",
                table: "ReportLinks",
                column: "ChatUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportLinks_ExpiresUtc",
                table: "ReportLinks",
                column: "ExpiresUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ReportLinks_RoundId",
                table: "ReportLinks",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportLinks_TokenHash",
                table: "ReportLinks",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportLinks");
        }
    }
}
