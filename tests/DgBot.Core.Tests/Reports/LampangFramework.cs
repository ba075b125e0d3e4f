using DgBot.Core.Framework;
using DgBot.Core.Tests.Scoring;

namespace DgBot.Core.Tests.Reports;

/// <summary>The framework's codes and names as in CODES.md and the seed (guidance is placeholder text), plus Lampang's published table.</summary>
internal static class LampangFramework
{
    public static ReadinessFramework Build(bool tecScored = false)
    {
        static SubDimension S(string code, string dim, string en, string th) => new(code, dim, en, th, TestQuestions.GuidanceFor(code));
        return new ReadinessFramework(
            [
                new Dimension("POL", "Policies and Practices", "นโยบายและแนวปฏิบัติในการพัฒนารัฐบาลดิจิทัล", true,
                [
                    S("DGP", "POL", "Digital Government Policies", "นโยบายรัฐบาลดิจิทัล"),
                    S("PHN", "POL", "Policy Harmonization with National Policy Level", "การจัดทำนโยบายตามแนวนโยบายระดับชาติ"),
                    S("CSP", "POL", "Cyber Security Policy", "นโยบายความปลอดภัยทางไซเบอร์"),
                    S("CRI", "POL", "Critical Infrastructure", "โครงสร้างพื้นฐานที่สำคัญ"),
                    S("DPS", "POL", "Data Privacy and Sharing", "ความเป็นส่วนตัวและการแบ่งปันข้อมูล"),
                    S("EAB", "POL", "Effective Allocation of the Budgets", "ประสิทธิภาพในการจัดสรรงบประมาณ"),
                ]),
                new Dimension("CAP", "Digital Capabilities", "ด้านศักยภาพของเจ้าหน้าที่ภาครัฐด้านดิจิทัล", true,
                [
                    S("PPC", "CAP", "Public Personnel Capabilities", "ความสามารถของเจ้าหน้าที่ภาครัฐ"),
                    S("DLD", "CAP", "Digital Leadership", "ความเป็นผู้นำด้านดิจิทัล"),
                    S("LCP", "CAP", "Leadership Continuity Plan", "แผนการสานต่อภารกิจ"),
                    S("DLT", "CAP", "Digital Literacy", "ความรู้เท่าทันและใช้เทคโนโลยีดิจิทัลเป็น"),
                ]),
                new Dimension("SRV", "Public Services", "ด้านการบริการภาครัฐที่สะดวกและเข้าถึงได้ง่าย", true,
                [
                    S("PDS", "SRV", "Proportion of Digital Service", "สัดส่วนของบริการที่เป็นอิเล็กทรอนิกส์"),
                    S("CXP", "SRV", "Customer Experience", "ประสบการณ์การใช้บริการ"),
                    S("PDU", "SRV", "Promote for Using Digital Service", "การประชาสัมพันธ์การใช้บริการอิเล็กทรอนิกส์"),
                    S("SSP", "SRV", "Service Support", "บริการสนับสนุน"),
                ]),
                new Dimension("BOF", "Smart Back Office", "ระบบบริหารจัดการภายในรูปแบบอิเล็กทรอนิกส์", true,
                [
                    S("OPE", "BOF", "Operational Efficiency", "ประสิทธิภาพของการปฏิบัติงาน"),
                    S("ERP", "BOF", "ERP Development", "การใช้ระบบสารสนเทศเพื่อการบูรณาการข้อมูล"),
                    S("IOP", "BOF", "Interoperability", "ความสามารถในการรองรับการใช้งาน"),
                ]),
                new Dimension("INF", "Secure and Efficient Infrastructure", "โครงสร้างพื้นฐานที่มีความมั่นคงปลอดภัยและประสิทธิภาพ", true,
                [
                    S("RIN", "INF", "Reliability Infrastructure", "โครงสร้างพื้นฐานที่สามารถเชื่อถือได้"),
                    S("DMG", "INF", "Data Management", "การจัดการข้อมูล"),
                ]),
                new Dimension("TEC", "Smart Technological Practices", "เทคโนโลยีอัจฉริยะและการนำมาใช้", tecScored,
                [
                    S("BDA", "TEC", "Big Data Analytic/Predictive Analytic", "การวิเคราะห์ข้อมูล/การวิเคราะห์คาดการณ์โดยใช้ข้อมูล"),
                    S("IOT", "TEC", "IoT, AI or other advanced Technologies", "เทคโนโลยีการเชื่อมต่ออุปกรณ์ต่างๆ ผ่านเครือข่ายอินเทอร์เน็ต"),
                    S("SMT", "TEC", "Social and Mobile Technologies", "เทคโนโลยีด้านสื่อสังคมและโทรศัพท์เคลื่อนที่"),
                ]),
            ],
            TestQuestions.Stages);
    }

    /// <summary>Lampang 2560: the six published dimension rows (TEC "-").</summary>
    public static Dictionary<string, double?> Dimensions() => new()
    {
        ["POL"] = 33.2, ["CAP"] = 33.7, ["SRV"] = 28.6, ["BOF"] = 45.8, ["INF"] = 35.4, ["TEC"] = null,
    };

    /// <summary>Lampang 2560: all 22 published sub-dimension scores (TEC's three "-").</summary>
    public static Dictionary<string, double?> SubDimensions() => new()
    {
        ["DGP"] = 44.8, ["PHN"] = 11.8, ["CSP"] = 58.8, ["CRI"] = 56.3, ["DPS"] = 39.4, ["EAB"] = 8.8,
        ["PPC"] = 51.7, ["DLD"] = 61.2, ["LCP"] = 5.9, ["DLT"] = 16.0,
        ["PDS"] = 27.9, ["CXP"] = 22.9, ["PDU"] = 40.8, ["SSP"] = 23.4,
        ["OPE"] = 45.2, ["ERP"] = 19.6, ["IOP"] = 72.6,
        ["RIN"] = 33.7, ["DMG"] = 49.6,
        ["BDA"] = null, ["IOT"] = null, ["SMT"] = null,
    };
}
