namespace DgBot.Core.Data.Entities;

/// <summary>A government agency that answers the survey.</summary>
public sealed class Agency
{
    private Agency()
    {
        Code = NameTh = Province = Type = string.Empty;
    }

    public Agency(string code, string nameTh, string province, string type, DateTime createdUtc)
    {
        Code = code;
        NameTh = nameTh;
        Province = province;
        Type = type;
        CreatedUtc = createdUtc;
    }

    public int Id { get; private set; }

    public string Code { get; private set; }

    public string NameTh { get; private set; }

    public string Province { get; private set; }

    /// <summary>For example "จังหวัด" (provincial office) or "กรม" (department).</summary>
    public string Type { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    /// <summary>Updates the descriptive fields; returns true when anything changed.</summary>
    public bool Update(string nameTh, string province, string type)
    {
        if (NameTh == nameTh && Province == province && Type == type)
        {
            return false;
        }

        NameTh = nameTh;
        Province = province;
        Type = type;
        return true;
    }
}
