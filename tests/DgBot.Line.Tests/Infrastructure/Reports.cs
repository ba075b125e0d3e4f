using DgBot.Core.Reports;

namespace DgBot.Line.Tests.Infrastructure;

/// <summary>Score reports shaped like the Lampang 2560 results (framework-facts.md), for rendering tests.</summary>
public static class Reports
{
    public static ScoreReport Lampang(bool provisional = false) => new(
        Dimensions:
        [
            new("D1", "Policies and Practices", "นโยบายและการปฏิบัติ", 33.2),
            new("D2", "Secure and Efficient Infrastructure", "โครงสร้างพื้นฐานที่มั่นคงปลอดภัยและมีประสิทธิภาพ", 52.4),
            new("D3", "Smart Services", "การบริการอัจฉริยะ", 41.0),
            new("D4", "Data Governance", "ธรรมาภิบาลข้อมูล", 28.7),
            new("D5", "Digital Workforce", "บุคลากรดิจิทัล", 75.5),
            new("D6", "Smart Technological Practices", "เทคโนโลยีอัจฉริยะและการนำมาใช้", null),
        ],
        SubDimensions: [],
        Highest: new("D5", "Digital Workforce", 75.5),
        Lowest: new("D4", "Data Governance", 28.7),
        Overall: 46.2,
        Stage: new(2, "Open Government", "รัฐบาลเปิด"),
        ImproveFirst:
        [
            Item(1, "1.4", "แผนความต่อเนื่องของผู้นำ", 5.9, 12.0),
            Item(2, "4.2", "การเปิดเผยข้อมูล", 9.1, 15.5),
            Item(3, "2.3", "ความมั่นคงปลอดภัยไซเบอร์", 14.0, null),
            Item(4, "3.1", "บริการแบบเบ็ดเสร็จ", 18.2, 20.0),
            Item(5, "5.2", "การพัฒนาทักษะดิจิทัล", 21.7, 19.0),
        ],
        Provisional: provisional,
        OpenQuestions: provisional ? 4 : 0);

    private static ImproveItem Item(int rank, string code, string nameTh, double score, double? peer) =>
        new(rank, code, "Sub-dimension " + code, nameTh, score, peer,
            new GuidanceSummary("ควรจัดทำแผนและกำหนดผู้รับผิดชอบให้ชัดเจน " + code, ["กำหนดผู้รับผิดชอบ", "จัดทำแผนปฏิบัติการ", "ติดตามผลทุกไตรมาส", "รายงานผู้บริหาร"]));
}
