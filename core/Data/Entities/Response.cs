namespace DgBot.Core.Data.Entities;

/// <summary>One agency's response in one round, shared by all of its staff.</summary>
public sealed class Response
{
    private readonly List<Answer> _answers = [];

    private Response()
    {
    }

    public Response(int agencyId, int roundId, DateTime createdUtc)
    {
        AgencyId = agencyId;
        RoundId = roundId;
        CreatedUtc = createdUtc;
        LastActivityUtc = createdUtc;
    }

    public int Id { get; private set; }

    public int AgencyId { get; private set; }

    public Agency? Agency { get; private set; }

    public int RoundId { get; private set; }

    public SurveyRound? Round { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public DateTime LastActivityUtc { get; private set; }

    public DateTime? SubmittedUtc { get; private set; }

    public int? SubmittedByUserId { get; private set; }

    public IReadOnlyCollection<Answer> Answers => _answers.AsReadOnly();

    /// <summary>A detached response as stored under <paramref name="id"/> (for responses the engine keeps between turns).</summary>
    internal static Response Restore(int id, int agencyId, int roundId, DateTime createdUtc, DateTime lastActivityUtc, DateTime? submittedUtc, int? submittedByUserId) =>
        new(agencyId, roundId, createdUtc) { Id = id, LastActivityUtc = lastActivityUtc, SubmittedUtc = submittedUtc, SubmittedByUserId = submittedByUserId };

    public void Touch(DateTime utcNow) => LastActivityUtc = utcNow;

    public void Submit(int? userId, DateTime utcNow)
    {
        SubmittedUtc = utcNow;
        SubmittedByUserId = userId;
        LastActivityUtc = utcNow;
    }
}
