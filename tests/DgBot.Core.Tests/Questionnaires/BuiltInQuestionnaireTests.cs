using DgBot.Core.Framework;
using DgBot.Core.Questionnaires;

namespace DgBot.Core.Tests.Questionnaires;

/// <summary>The embedded questionnaire against the real framework and the writing rules of QUESTIONNAIRE.md.</summary>
public sealed class BuiltInQuestionnaireTests
{
    private static readonly ReadinessFramework Framework = FrameworkLoader.BuiltIn;

    private static Questionnaire Current => QuestionnaireLoader.BuiltIn();

    [Fact]
    public void EveryEmbeddedFileLoadsWithoutErrors()
    {
        var assembly = typeof(QuestionnaireLoader).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(QuestionnaireLoader.ResourcePrefix, StringComparison.Ordinal)).ToArray();

        Assert.Contains("DgBot.Core.Questionnaires.questionnaire-2569.json", names);
        foreach (var name in names)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var result = QuestionnaireLoader.Load(stream, Framework);
            Assert.True(result.IsValid, name + ": " + string.Join(Environment.NewLine, result.Errors));
        }
    }

    [Fact]
    public void TheCurrentQuestionnaireIsTheHighestVersion()
    {
        Assert.Contains("2569.1", QuestionnaireLoader.BuiltInVersions);
        Assert.Contains("2569.2", QuestionnaireLoader.BuiltInVersions);
        Assert.Equal(QuestionnaireLoader.BuiltInVersions[^1], Current.Version);
        Assert.Equal("2569.2", Current.Version);
        Assert.Same(Current, QuestionnaireLoader.BuiltIn("2569.2"));
        Assert.Equal(80, QuestionnaireLoader.BuiltIn("2569.1").Questions.Count); // the older file stays loadable, unchanged
        Assert.Same(QuestionnaireLoader.BuiltIn(), QuestionnaireLoader.BuiltIn());
    }

    [Fact]
    public void AskingForAnUnknownVersionNamesTheVersionsThatExist()
    {
        var ex = Assert.Throws<QuestionnaireException>(() => QuestionnaireLoader.BuiltIn("2500.1"));
        Assert.Contains("2500.1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2569.1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VersionsOrderNumericallyNotAsText()
    {
        Assert.True(QuestionnaireLoader.ParseVersion("2569.10") > QuestionnaireLoader.ParseVersion("2569.9"));
        Assert.True(QuestionnaireLoader.ParseVersion("2570") > QuestionnaireLoader.ParseVersion("2569.9"));
    }

    [Fact]
    public void HasSixtyToOneHundredQuestions()
    {
        Assert.InRange(Current.Questions.Count, 60, 100);
    }

    [Fact]
    public void EveryScoredSubDimensionHasAtLeastThreeQuestionsAndEveryOtherAtLeastOne()
    {
        foreach (var dimension in Framework.Dimensions)
        {
            foreach (var sub in dimension.SubDimensions)
            {
                var count = Current.Questions.Count(q => q.SubDimension == sub.Code);
                Assert.True(count >= (dimension.Scored ? 3 : 1), $"{sub.Code} has {count} questions");
            }
        }
    }

    [Fact]
    public void EveryScoredSubDimensionCanEarnPointsWhateverTheGatingAnswers()
    {
        // A question asked unconditionally with points above zero keeps each sub-dimension scorable
        // even for an agency whose gating answers skip the follow-ups.
        foreach (var sub in Framework.Dimensions.Where(d => d.Scored).SelectMany(d => d.SubDimensions))
        {
            Assert.Contains(Current.Questions, q => q.SubDimension == sub.Code && q.Condition is null && q.MaximumPoints > 0);
        }
    }

    [Fact]
    public void QuestionsFollowFrameworkOrder()
    {
        var order = Framework.SubDimensions.Select((s, i) => (s.Code, i)).ToDictionary(x => x.Code, x => x.i);
        var positions = Current.Questions.Select(q => order[q.SubDimension]).ToArray();
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void EveryQuestionFitsAPhoneAndNamesItsGuidancePoint()
    {
        Assert.All(Current.Questions, q =>
        {
            Assert.InRange(q.Text.Length, 10, QuestionnaireLoader.MaxTextLength);
            Assert.False(string.IsNullOrWhiteSpace(q.GuidancePoint), q.Id);
            Assert.All(q.Options, o => Assert.InRange(o.Label.Length, 1, QuestionnaireLoader.MaxLabelLength));
        });
    }

    [Fact]
    public void QuestionsAddressTheAgencyPolitelyWithoutGenderedParticles()
    {
        Assert.All(Current.Questions, q =>
        {
            Assert.Contains("หน่วยงาน", q.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("ครับ", q.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("ค่ะ", q.Text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void UsesEveryAnswerTypeAndAtMostTwoTextQuestions()
    {
        Assert.All(Enum.GetValues<QuestionType>(), t => Assert.Contains(Current.Questions, q => q.Type == t));
        Assert.InRange(Current.Questions.Count(q => q.Type == QuestionType.Text), 1, 2);
    }

    /// <summary>2569.1 questions that 2569.2 retired, because their meaning changed (docs/questionnaire.md, changelog).</summary>
    private static readonly string[] RetiredIn25692 = ["CSP-2", "CSP-3", "EAB-2", "DLD-1", "CXP-2", "SSP-2", "IOP-3"];

    [Fact]
    public void QuestionIdsCarryTheirSubDimensionAndStayStableAcrossVersions()
    {
        var previous = QuestionnaireLoader.BuiltIn("2569.1");
        Assert.All(Current.Questions, q => Assert.StartsWith(q.SubDimension + "-", q.Id, StringComparison.Ordinal));

        // Every 2569.1 id is kept (same meaning) or retired, never reused for another meaning.
        Assert.All(previous.Questions, q => Assert.True(Current.Find(q.Id) is not null ^ RetiredIn25692.Contains(q.Id), q.Id));

        // A new or split question takes a number after every number its sub-dimension ever used.
        foreach (var q in Current.Questions.Where(q => previous.Find(q.Id) is null))
        {
            var used = previous.Questions.Where(p => p.SubDimension == q.SubDimension).Max(p => Number(p.Id));
            Assert.True(Number(q.Id) > used, $"{q.Id} reuses a number of 2569.1 (up to {used})");
        }

        static int Number(string id) => int.Parse(id[(id.IndexOf('-', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void TheWebsiteGateIsAskedFirstAndGatesEveryWebsiteQuestion()
    {
        var gate = Current.Questions[0];
        Assert.Equal("DGP-6", gate.Id);
        var gated = Current.Questions.Where(q => q.Condition?.QuestionId == gate.Id).Select(q => q.Id).ToArray();
        Assert.Equal(["DGP-3", "DGP-4", "DGP-5", "PPC-5", "PDS-5", "CXP-3", "DMG-3"], gated);
        Assert.All(Current.Questions.Where(q => q.Text.StartsWith("เว็บไซต์", StringComparison.Ordinal)), q => Assert.Contains(q.Id, gated));
    }

    [Fact]
    public void ActionQuestionsAreAnsweredInTheirOwnWordsNotYesOrNo()
    {
        // "ใช่ / ไม่ใช่" answers "is that right", not "has the agency done it".
        Assert.All(Current.Questions.SelectMany(q => q.Options.Select(o => (q.Id, o.Label))), x =>
        {
            Assert.NotEqual("ใช่", x.Label);
            Assert.NotEqual("ไม่ใช่", x.Label);
        });
        Assert.Equal(["กำหนดแล้ว", "อยู่ระหว่างกำหนด", "ยังไม่ได้กำหนด", "ต้นสังกัดดำเนินการ"], Current.Find("PPC-3")!.Options.Select(o => o.Label));
    }

    [Fact]
    public void QuestionsAParentDepartmentDecidesOfferParentAgencyAndOthersMayNotApply()
    {
        foreach (var id in new[] { "PHN-1", "EAB-1", "EAB-4", "PPC-3", "DLD-2", "LCP-1", "LCP-2", "LCP-3", "LCP-4", "ERP-3" })
        {
            var option = Assert.Single(Current.Find(id)!.Options, o => o.NotApplicable == NotApplicableReason.ParentAgency);
            Assert.Equal(0, option.Points);
        }

        foreach (var id in new[] { "DGP-2", "PPC-4", "PDS-4", "CRI-5", "ERP-3" })
        {
            Assert.Single(Current.Find(id)!.Options, o => o.NotApplicable == NotApplicableReason.DoesNotApply);
        }
    }

    [Fact]
    public void WordingFollowsTheProductRules()
    {
        Assert.All(Current.Questions, q =>
        {
            var texts = new[] { q.Text, q.Help ?? string.Empty }.Concat(q.Options.Select(o => o.Label)).ToArray();
            foreach (var text in texts)
            {
                Assert.DoesNotMatch("[๐-๙]", text); // Arabic digits only
                Assert.DoesNotContain("ต่างๆ", text, StringComparison.Ordinal); // "ต่าง ๆ" with a space
                Assert.DoesNotContain("แอร์", text, StringComparison.Ordinal);
                Assert.DoesNotContain("พนักงาน", text, StringComparison.Ordinal);
                Assert.DoesNotContain("ไอที", text, StringComparison.Ordinal);
                Assert.DoesNotContain("นานกว่าปีละครั้ง", text, StringComparison.Ordinal);
                Assert.DoesNotMatch(@"\bIT\b", text);
            }
        });
    }

    [Fact]
    public void SecurityPolicyBasesAreAlternativesNotAddedUp()
    {
        var basis = Current.Find("CSP-4")!;
        Assert.Equal(QuestionType.Single, basis.Type);
        Assert.Equal(basis.MaximumPoints, basis.FindOption("etc")!.Points);
        Assert.Equal(basis.MaximumPoints, basis.FindOption("iso")!.Points);
        Assert.Equal(basis.MaximumPoints, basis.FindOption("both")!.Points);
    }

    [Fact]
    public void EveryGuidanceActionOfAScoredSubDimensionIsChecked()
    {
        var coverage = QuestionnaireCoverage.Of(Framework, Current);
        Assert.NotEmpty(coverage);
        Assert.All(coverage, c => Assert.True(c.Covered, $"{c.SubDimension} action {c.Action}"));
        Assert.All(Current.Questions.Where(q => q.IsScored && q.MaximumPoints > 0), q => Assert.NotEmpty(q.Checks));
    }

    [Fact]
    public void StageBandsAreDefinedInTheFile()
    {
        Assert.Equal([1, 2, 3, 4, 5], Current.StageBands.Select(b => b.Level));
        Assert.Equal(0, Current.StageBands[0].MinOverall);
        Assert.Empty(QuestionnaireLoader.BuiltIn("2569.1").StageBands);
    }

    [Fact]
    public void MultiChoiceQuestionsOfferOneExclusiveNoneWorthNothing()
    {
        Assert.All(Current.Questions.Where(q => q.Type == QuestionType.Multi), q =>
        {
            // Besides the one "none", an exclusive option may only take the question out of the score (parent agency).
            var exclusive = Assert.Single(q.Options, o => o.Exclusive && o.NotApplicable is null);
            Assert.Equal(0, exclusive.Points);
            Assert.All(q.Options.Where(o => o.Exclusive && o != exclusive), o => Assert.NotNull(o.NotApplicable));
            Assert.NotNull(q.MaxPoints);
            Assert.InRange(q.MaxPoints!.Value, 1, q.Options.Where(o => !o.Exclusive).Sum(o => o.Points));
        });
    }

    [Fact]
    public void NumberAndPercentBandsStartAtZeroAndLeaveNoGap()
    {
        Assert.All(Current.Questions.Where(q => q.Type is QuestionType.Number or QuestionType.Percent), q =>
        {
            Assert.Equal(0, q.Bands[0].Min);
            Assert.Null(q.Bands[^1].Max);
            for (var i = 1; i < q.Bands.Count; i++)
            {
                Assert.Equal(q.Bands[i - 1].Max, q.Bands[i].Min);
                Assert.True(q.Bands[i].Points > q.Bands[i - 1].Points, $"{q.Id}: higher bands earn more");
            }
        });
    }

    [Fact]
    public void InternetSpeedBandsFollowTheGuidanceOfTwoMegabytesPerSecond()
    {
        // 2 MB/s = 16 Mbps: the guidance's threshold is where the first point is earned.
        var speed = Current.Find("RIN-1")!;
        Assert.Equal(QuestionType.Number, speed.Type);
        Assert.Equal("Mbps", speed.Unit);
        Assert.Contains(speed.Bands, b => b.Min == 16 && b.Points == 1);
        Assert.Contains(speed.Bands, b => b.Max == 16 && b.Points == 0);
    }

    [Fact]
    public void CriticalInfrastructureFollowUpsAreAskedOnlyOfAgenciesOnTheList()
    {
        var gate = Current.Find("CRI-1")!;
        Assert.Equal(QuestionType.YesNo, gate.Type);
        Assert.Equal(0, gate.MaximumPoints);
        var followUps = Current.Questions.Where(q => q.Condition?.QuestionId == "CRI-1").ToArray();
        Assert.Equal(["CRI-2", "CRI-3"], followUps.Select(q => q.Id));
        Assert.All(followUps, q => Assert.Equal(["yes"], q.Condition!.AnyOf));
    }

    [Fact]
    public void YesNoQuestionsUseTheFixedOptionIdsWithPartialCreditBelowYes()
    {
        Assert.All(Current.Questions.Where(q => q.Type == QuestionType.YesNo), q =>
        {
            var scored = q.Options.Where(o => o.NotApplicable is null).ToArray();
            Assert.Equal("yes", scored[0].Id);
            Assert.Equal("no", scored[^1].Id);
            Assert.All(q.Options.SkipWhile(o => o.NotApplicable is null), o => Assert.NotNull(o.NotApplicable)); // out-of-scope options come last
            if (q.FindOption("partial") is { } partial)
            {
                Assert.InRange(partial.Points, q.FindOption("no")!.Points + 0.5, q.FindOption("yes")!.Points - 0.5);
            }
        });
    }

    [Fact]
    public void JargonIsExplainedInHelp()
    {
        foreach (var term in new[] { "CIO", "ERP", "BCP", "Single Sign-On", "G-Cloud", "Open Data", "PDPA", "ISO/IEC 27001" })
        {
            Assert.Contains(Current.Questions, q => q.Help?.Contains(term, StringComparison.Ordinal) == true);
        }
    }
}
