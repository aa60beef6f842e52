"""Top-down work in Thailand, in Thai, with two MNR self-assessments in English. Synthetic.

Two roundtables (Bangkok 2009, the northern border in Chiang Rai 2010) and
three bilaterals (the Office of the Attorney General and Thai Hotline in
2010, the Royal Thai Police in 2026). A self-assessment against the 2016
framework (on the partnership's own four-step scale) and one against the 2022
maturity model show the change between assessments. The bodies are real; the
people, the minutes, the figures and the ratings are invented for the demo.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cpphub.demo.national.specs import (
    AssessmentSpec,
    CommitmentSpec,
    CountryNational,
    ExpectationSpec,
    Focus,
    MeetingSpec,
    NationalPrioritySpec,
    PartnerSpec,
    RatingSpec,
    StrengthSpec,
)

D = dt.date
EQUIP, CONNECT, COORDINATE = "equip", "connect", "coordinate"
CONTENT, CONTACT, CONDUCT, CONTRACT = "content", "contact", "conduct", "contract"

PARTNERS = (
    PartnerSpec(
        "msdhs",
        "Ministry of Social Development and Human Security",
        "MSDHS",
        ("government",),
        "",
        "Thailand's ministry for child protection and social welfare; runs the Prachabodi Centre's 1300 hotline.",
        "Wanida Tuayang",
        "Director, child protection division",
    ),
    PartnerSpec(
        "rtp",
        "Royal Thai Police",
        "RTP",
        ("law_enforcement",),
        "",
        "Thailand's national police, with a division against offences concerning children, juveniles and women "
        "and, later, a task force on internet crimes against children.",
        "Surachai Tuayang",
        "Inspector, division for offences concerning children",
    ),
    PartnerSpec(
        "oag",
        "Office of the Attorney General",
        "OAG",
        ("justice",),
        "",
        "Thailand's public prosecution service, also the central authority for mutual legal assistance.",
        "Nittaya Tuayang",
        "Public prosecutor",
    ),
    PartnerSpec(
        "mict",
        "Ministry of Information and Communication Technology",
        "MICT",
        ("government",),
        "",
        "Thailand's ICT ministry of the time (its work passed to the Ministry of Digital Economy and Society in 2016).",
        "Prasit Tuayang",
        "Policy officer",
    ),
    PartnerSpec(
        "thai_hotline",
        "Thai Hotline",
        "",
        ("civil_society",),
        "",
        "A hotline for reports of illegal online content, run by a Thai internet foundation.",
        "Jintana Tuayang",
        "Hotline analyst",
    ),
)

MEETINGS = (
    MeetingSpec(
        "rt_bangkok",
        "roundtable",
        D(2009, 9, 22),
        "การประชุมโต๊ะกลมระดับชาติเรื่องการแสวงประโยชน์ทางเพศจากเด็กผ่านเทคโนโลยีสารสนเทศ",
        (
            "msdhs",
            "rtp",
            "mict",
            "chula_education",
            "plan_thailand",
            "face",
            "mercy_centre",
            "unicef",
            "microsoft",
        ),
        (
            "Wanida Tuayang — ผู้อำนวยการกองคุ้มครองเด็ก กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์",
            "Surachai Tuayang — สารวัตร กองบังคับการปราบปรามการกระทำความผิดเกี่ยวกับเด็ก เยาวชน และสตรี",
            "Prasit Tuayang — นักวิชาการ กระทรวงเทคโนโลยีสารสนเทศและการสื่อสาร",
            "Pranee Tuayang — อาจารย์ คณะครุศาสตร์ จุฬาลงกรณ์มหาวิทยาลัย",
            "Siriporn Tuayang — ผู้จัดการโครงการ แพลน ประเทศไทย",
            "Kanya Tuayang — เจ้าหน้าที่กฎหมาย FACE",
            "Ratana Tuayang — นักสังคมสงเคราะห์ ศูนย์เมอร์ซี่",
            "Avery Sample — Child protection specialist, UNICEF",
            "Robin Sample — Programme director, IICRD",
            "Riley Sample — Child safety programme manager, Microsoft",
        ),
        "IICRD นำเสนอผลการสำรวจในเชียงรายและคลองเตย: ชาวต่างชาติชักชวนเด็กหญิงเปิดเว็บแคมแลกเงิน "
        "นายหน้าติดต่อเด็กทางโทรศัพท์มือถือ และการจ้างเด็กเปิดเว็บแคมในร้านเกม "
        "ตำรวจต้องการพนักงานสอบสวนที่เชี่ยวชาญคดีออนไลน์ พม. ต้องการให้เด็กรู้จักสายด่วน 1300 "
        "จุฬาฯ เสนอหลักสูตรความปลอดภัยออนไลน์สำหรับโรงเรียน ที่ประชุมตกลงจัดประชุมโต๊ะกลมภาคเหนือ"
        "เรื่องการค้าเด็กในปีหน้า",
    ),
    MeetingSpec(
        "bi_oag",
        "bilateral",
        D(2010, 2, 10),
        "หารือทวิภาคีกับสำนักงานอัยการสูงสุดเรื่องการดำเนินคดีการล่วงละเมิดทางเพศเด็กออนไลน์",
        ("oag", "face"),
        (
            "Nittaya Tuayang — อัยการ สำนักงานอัยการสูงสุด",
            "Kanya Tuayang — เจ้าหน้าที่กฎหมาย FACE",
            "Robin Sample — Programme director, IICRD",
        ),
        "กฎหมายปัจจุบันยังไม่เอาผิดการครอบครองสื่อลามกอนาจารเด็ก และไม่มีความผิดเรื่องการล่อลวงทางออนไลน์โดยตรง "
        "อัยการจะส่งข้อเสนอแก้ไขประมวลกฎหมายอาญา FACE ให้ทนายความช่วยเหลือเด็กผู้เสียหายตลอดคดี",
    ),
    MeetingSpec(
        "rt_north",
        "roundtable",
        D(2010, 6, 15),
        "การประชุมโต๊ะกลมภาคเหนือเรื่องการค้าเด็กและการชักชวนทางโทรศัพท์มือถือ ที่เชียงราย",
        ("msdhs", "rtp", "face", "plan_thailand", "unicef"),
        (
            "Wanida Tuayang — ผู้อำนวยการกองคุ้มครองเด็ก พม.",
            "Surachai Tuayang — สารวัตร กองบังคับการปราบปรามการกระทำความผิดเกี่ยวกับเด็ก เยาวชน และสตรี",
            "Chaiya Tuayang — เจ้าหน้าที่ภาคสนาม FACE",
            "Anan Tuayang — ผู้ประสานงานชุมชน แพลน ประเทศไทย",
            "Drew Sample — Research officer, UNICEF",
            "Jamie Sample — Training coordinator, RCMP NCECC",
        ),
        "นายหน้าใช้โทรศัพท์มือถือเสนองานในเมืองให้เด็กในหมู่บ้านชายแดน ตำรวจ พม. และผู้ใหญ่บ้านยังรับแจ้ง"
        "คนละช่องทาง ที่ประชุมเห็นว่าควรมีศูนย์ประสานงานชายแดนที่เชื่อมกับสายด่วน 1300 "
        "NCECC เสนอหลักสูตรอบรมพนักงานสอบสวนเรื่องการล่อลวงทางแชทและเว็บแคม",
    ),
    MeetingSpec(
        "bi_hotline",
        "bilateral",
        D(2010, 11, 18),
        "หารือทวิภาคีกับไทยฮอตไลน์เรื่องการรับแจ้งและลบเนื้อหา",
        ("thai_hotline", "mict", "microsoft"),
        (
            "Jintana Tuayang — เจ้าหน้าที่วิเคราะห์ ไทยฮอตไลน์",
            "Prasit Tuayang — นักวิชาการ กระทรวงเทคโนโลยีสารสนเทศและการสื่อสาร",
            "Quinn Sample — Policy lead, Microsoft",
        ),
        "ไทยฮอตไลน์รับแจ้ง URL แต่เนื้อหาส่วนใหญ่อยู่บนเซิร์ฟเวอร์ต่างประเทศ จะส่งต่อให้สายด่วนของประเทศนั้น "
        "กระทรวงฯ มีงบรณรงค์การใช้อินเทอร์เน็ตอย่างปลอดภัย Microsoft จะแบ่งปันเครื่องมือและการอบรมด้านเทคนิค",
    ),
    MeetingSpec(
        "bi_rtp_2026",
        "bilateral",
        D(2026, 8, 20),
        "หารือติดตามความคืบหน้ากับสำนักงานตำรวจแห่งชาติและ พม.",
        ("rtp", "msdhs", "face"),
        (
            "Surachai Tuayang — รองผู้กำกับการ หน่วยปราบปรามอาชญากรรมทางอินเทอร์เน็ตต่อเด็ก",
            "Wanida Tuayang — ผู้อำนวยการศูนย์ช่วยเหลือสังคม พม.",
            "Kanya Tuayang — เจ้าหน้าที่กฎหมาย FACE",
            "Somchai Tuayang — ผู้ประสานงานระดับชาติ แพลน ประเทศไทย",
        ),
        "ทบทวนข้อตกลงที่ยังค้างอยู่ ตำรวจจะอบรมพนักงานสอบสวนเชียงรายเรื่องการล่อลวงทางแชทและเว็บแคม "
        "พม. จะเชื่อมศูนย์ประสานงานชายแดนเชียงรายกับสายด่วน 1300 ตำรวจจะส่งรายงานสถิติคดีประจำปี",
    ),
)

PRIORITIES = (
    NationalPrioritySpec(
        "หน่วยสืบสวนเฉพาะด้านอาชญากรรมทางอินเทอร์เน็ตต่อเด็ก",
        "พนักงานสอบสวนที่เชี่ยวชาญการล่อลวงทางแชทและเว็บแคม และการระบุตัวเด็กผู้เสียหาย",
        "rtp",
        "rt_bangkok",
        Focus(4, (CONTACT, CONTRACT), ("grooming", "live_streamed", "csam"), ("police",), EQUIP),
        importance=5,
        status="addressed",
    ),
    NationalPrioritySpec(
        "กฎหมายเอาผิดการครอบครองสื่อลามกอนาจารเด็กและการล่อลวงทางออนไลน์",
        "แก้ไขประมวลกฎหมายอาญาให้ครอบคลุมการครอบครองและการล่อลวงเด็กทางออนไลน์",
        "oag",
        "bi_oag",
        Focus(3, (CONTENT, CONTACT), ("csam", "grooming"), ("justice",), EQUIP),
        importance=4,
        status="achieved",
    ),
    NationalPrioritySpec(
        "สายด่วน 1300 เป็นที่รู้จักของเด็กทุกคน",
        "เด็กและผู้ปกครองรู้ว่าจะขอความช่วยเหลือได้ที่ไหนเมื่อถูกชักชวนหรือคุกคามทางออนไลน์",
        "msdhs",
        "rt_bangkok",
        Focus(11, (CONTACT, CONTRACT), ("grooming",), ("children", "parents"), CONNECT),
        importance=4,
    ),
    NationalPrioritySpec(
        "ป้องกันการค้าเด็กที่เริ่มจากการชักชวนทางโทรศัพท์มือถือในพื้นที่ชายแดน",
        "ตำรวจ พม. และผู้นำชุมชนรับแจ้งและส่งต่อเรื่องนายหน้าผ่านช่องทางเดียวกัน",
        "msdhs",
        "rt_north",
        Focus(9, (CONTRACT,), (), ("police", "social_workers", "community"), COORDINATE),
        importance=5,
    ),
    NationalPrioritySpec(
        "รับแจ้งและลบเนื้อหาการล่วงละเมิดทางเพศเด็กออนไลน์อย่างรวดเร็ว",
        "เนื้อหาที่ได้รับแจ้งถูกลบภายในไม่กี่วัน ทั้งบนเซิร์ฟเวอร์ในประเทศและต่างประเทศ",
        "thai_hotline",
        "bi_hotline",
        Focus(16, (CONTENT, CONTACT), ("csam", "self_generated"), ("industry",), COORDINATE),
        importance=3,
    ),
    NationalPrioritySpec(
        "หลักสูตรการใช้อินเทอร์เน็ตอย่างปลอดภัยในโรงเรียน",
        "ครูและนักเรียนรู้จักการล่อลวง การส่งต่อภาพลับ และวิธีขอความช่วยเหลือ",
        "chula_education",
        "rt_bangkok",
        Focus(13, (CONTACT, CONDUCT, CONTENT), ("grooming", "self_generated"), ("children", "teachers"), EQUIP),
        importance=3,
    ),
)

STRENGTHS = (
    StrengthSpec(
        "capability",
        "ศูนย์ช่วยเหลือสังคม สายด่วน 1300 ตลอด 24 ชั่วโมง",
        "รับเรื่องทางโทรศัพท์ทุกวันตลอดวันและส่งต่อให้นักสังคมสงเคราะห์ในจังหวัด",
        "msdhs",
        "rt_bangkok",
        Focus(11, (CONTACT, CONTRACT), (), ("children", "parents")),
        expertise="การให้คำปรึกษาทางโทรศัพท์",
    ),
    StrengthSpec(
        "staff",
        "พนักงานสอบสวนคดีเด็กและสตรี",
        "พนักงานสอบสวนที่พร้อมรับการอบรมคดีออนไลน์ (จำนวนสมมุติ)",
        "rtp",
        "rt_north",
        Focus(4, (CONTACT, CONTRACT), ("grooming", "csam"), ("police",)),
        expertise="การสืบสวนคดีออนไลน์",
        amount=Decimal("30.00"),
        unit="คน",
    ),
    StrengthSpec(
        "legal_power",
        "อำนาจฟ้องคดีและความร่วมมือระหว่างประเทศในเรื่องทางอาญา",
        "ฟ้องคดีและขอความช่วยเหลือทางกฎหมายจากต่างประเทศเมื่อผู้กระทำผิดอยู่นอกประเทศ",
        "oag",
        "bi_oag",
        Focus(5, (CONTACT, CONTRACT), ("csam",), ("justice",)),
        expertise="การดำเนินคดีอาญา",
    ),
    StrengthSpec(
        "data",
        "ข้อมูลรายงาน URL จำแนกตามประเภทและประเทศที่ตั้งเซิร์ฟเวอร์",
        "สถิติการรับแจ้งที่ไม่ระบุตัวผู้แจ้ง ใช้วางแผนการลบเนื้อหาและการรณรงค์",
        "thai_hotline",
        "bi_hotline",
        Focus(12, (CONTENT,), ("csam",), ("industry", "police")),
    ),
    StrengthSpec(
        "budget",
        "งบประมาณรณรงค์การใช้อินเทอร์เน็ตอย่างปลอดภัย",
        "งบประจำปีสำหรับสื่อรณรงค์และการอบรมในโรงเรียน (จำนวนสมมุติ)",
        "mict",
        "bi_hotline",
        Focus(13, (CONTENT, CONTACT), (), ("children", "parents")),
        amount=Decimal("2000000.00"),
        unit="บาทต่อปี",
    ),
    StrengthSpec(
        "capability",
        "ทนายความช่วยเหลือเด็กผู้เสียหายตลอดคดี",
        "ทนายความของ FACE ช่วยเด็กและครอบครัวตั้งแต่แจ้งความจนถึงการเรียกค่าสินไหมทดแทน",
        "face",
        "bi_oag",
        Focus(10, (CONTACT, CONTRACT), (), ("children", "justice")),
        expertise="ความช่วยเหลือทางกฎหมาย",
    ),
)

EXPECTATIONS = (
    ExpectationSpec("การอบรมการสืบสวนคดีออนไลน์และการระบุตัวผู้เสียหายจากตำรวจม้าแคนาดา (RCMP)", "rtp", "rt_bangkok"),
    ExpectationSpec("ตัวอย่างกฎหมายต่างประเทศเรื่องการครอบครองสื่อลามกอนาจารเด็ก", "oag", "bi_oag"),
    ExpectationSpec("ข้อมูลจากพื้นที่นำร่องเพื่อปรับปรุงบริการสายด่วน 1300", "msdhs", "rt_north"),
    ExpectationSpec("แนวปฏิบัติด้านความปลอดภัยของเด็กสำหรับร้านอินเทอร์เน็ตคาเฟ่", "mict", "bi_hotline"),
)

COMMITMENTS = (
    CommitmentSpec(
        "เพิ่มเรื่องการล่อลวงทางออนไลน์ในคู่มือเจ้าหน้าที่สายด่วน 1300",
        "ผู้อำนวยการศูนย์ช่วยเหลือสังคม (พม.)",
        "msdhs",
        "rt_bangkok",
        D(2010, 3, 31),
        Focus(11, (CONTACT,), ("grooming",), ("children",), CONNECT),
        done=D(2010, 4, 20),
    ),
    CommitmentSpec(
        "ส่งข้อเสนอแก้ไขประมวลกฎหมายอาญาเรื่องการครอบครองสื่อลามกอนาจารเด็ก",
        "อัยการ สำนักงานอัยการสูงสุด",
        "oag",
        "bi_oag",
        D(2010, 12, 31),
        Focus(3, (CONTENT,), ("csam",), ("justice",), EQUIP),
        done=D(2010, 12, 20),
    ),
    CommitmentSpec(
        "ส่งต่อรายงาน URL บนเซิร์ฟเวอร์ต่างประเทศให้สายด่วนของประเทศนั้น",
        "ผู้ประสานงานไทยฮอตไลน์",
        "thai_hotline",
        "bi_hotline",
        D(2011, 3, 31),
        Focus(16, (CONTENT,), ("csam",), ("industry",), COORDINATE),
        done=D(2011, 3, 1),
    ),
    CommitmentSpec(
        "อบรมพนักงานสอบสวนเชียงรายเรื่องการล่อลวงทางแชทและเว็บแคม",
        "ฝ่ายฝึกอบรม สำนักงานตำรวจแห่งชาติ",
        "rtp",
        "bi_rtp_2026",
        D(2027, 4, 30),
        Focus(4, (CONTACT,), ("grooming", "live_streamed"), ("police",), EQUIP),
    ),
    CommitmentSpec(
        "เชื่อมศูนย์ประสานงานชายแดนเชียงรายกับสายด่วน 1300",
        "ผู้อำนวยการศูนย์ช่วยเหลือสังคม (พม.)",
        "msdhs",
        "bi_rtp_2026",
        D(2027, 2, 28),
        Focus(11, (CONTRACT, CONTACT), (), ("social_workers", "children"), CONNECT),
    ),
    CommitmentSpec(
        "ส่งรายงานสถิติคดีเด็กออนไลน์ประจำปี 2568 ให้ภาคี",
        "ฝ่ายวิเคราะห์ข้อมูล สำนักงานตำรวจแห่งชาติ",
        "rtp",
        "bi_rtp_2026",
        D(2026, 10, 31),
        Focus(2, (CONTACT, CONTRACT), (), ("police",), COORDINATE),
    ),
)

_R = RatingSpec
ASSESSMENT_2018 = AssessmentSpec(
    "Thailand MNR self-assessment 2018",
    D(2018, 6, 12),
    "2016",
    (
        _R(1, 2, "A national child protection committee exists; online abuse is one topic among many.", ("msdhs",)),
        _R(
            2,
            1,
            "No regular data on the online abuse of children; only the pilot-location mappings.",
            ("chula_education",),
        ),
        _R(
            3,
            2,
            "Possession of child sexual abuse material became a crime in 2015; grooming has no offence of its own.",
            ("oag",),
        ),
        _R(
            4,
            2,
            "A police task force on internet crimes against children started with a handful of officers.",
            ("rtp",),
        ),
        _R(5, 2, "Prosecutors handle online cases under general laws; few have specialised training.", ("oag",)),
        _R(6, 1, "No supervision of convicted offenders' use of the internet."),
        _R(7, 1, "No national image database; police rely on partners abroad to identify victims.", ("rtp",)),
        _R(
            8,
            2,
            "Shelters and hospital crisis centres support victims; online cases are new to them.",
            ("msdhs", "face"),
        ),
        _R(9, 2, "Social workers in every province, with little training on online harms.", ("msdhs",)),
        _R(
            10,
            2,
            "Victims may claim from the state compensation fund; legal aid comes mostly from NGOs.",
            ("face", "oag"),
        ),
        _R(11, 2, "The 1300 hotline answers around the clock, but few children know it.", ("msdhs",)),
        _R(
            12,
            2,
            "Thai Hotline receives reports of illegal content and forwards them to the police.",
            ("thai_hotline",),
        ),
        _R(13, 2, "Safe-internet lessons in some schools, depending on NGOs.", ("chula_education", "plan_thailand")),
        _R(
            14,
            2,
            "Children's councils exist in every province but are rarely asked about online safety.",
            ("plan_thailand",),
        ),
        _R(15, 1, "No prevention service for people at risk of offending."),
        _R(16, 2, "Court orders can block websites; the process takes weeks.", ("thai_hotline",)),
        _R(17, 1, "Platforms have no duty to report abuse material found on their services."),
        _R(18, 1, "No programme on technical solutions."),
        _R(19, 1, "Few companies have child-safety policies."),
        _R(20, 2, "A press council code forbids naming child victims; breaches still occur."),
        _R(21, 1, "Laws and media say child pornography."),
    ),
    "Synthetic demo data: the ratings illustrate the tool and are not Thailand's actual assessment. "
    "Rated against the 2016 framework on the partnership's own four-step scale.",
    phase_labels=("Not in place", "Started", "Partly in place", "In place"),
)

ASSESSMENT_2025 = AssessmentSpec(
    "Thailand MNR self-assessment 2025",
    D(2025, 10, 30),
    "2022",
    (
        _R(1, 3, "A national plan on child online protection names a lead ministry and reports each year.", ("msdhs",)),
        _R(
            2,
            2,
            "A national survey of children's online experiences ran once; the pilot mappings continue.",
            ("chula_education",),
        ),
        _R(3, 3, "Possession has been an offence since 2015; the rules on online grooming are under review.", ("oag",)),
        _R(4, 3, "The task force on internet crimes against children has investigators in the regions.", ("rtp",)),
        _R(5, 3, "A specialised prosecution division handles child cases; judges are trained each year.", ("oag",)),
        _R(6, 1, "Still no supervision of convicted offenders' use of the internet."),
        _R(7, 2, "Police use victim-identification tools with partners abroad, without a national database.", ("rtp",)),
        _R(8, 3, "Crisis centres and NGO lawyers follow each child from report to recovery.", ("msdhs", "face")),
        _R(9, 2, "Provincial social workers trained on online harms, in the pilot provinces only.", ("msdhs", "face")),
        _R(10, 2, "Compensation from the state fund; legal aid still mostly from NGOs.", ("face", "oag")),
        _R(
            11,
            3,
            "Most children in the pilot provinces know the 1300 hotline; it refers online cases to the police.",
            ("msdhs",),
        ),
        _R(12, 3, "Thai Hotline forwards reports to the police and to partner hotlines abroad.", ("thai_hotline",)),
        _R(13, 3, "A safe-internet curriculum is offered to schools nationwide.", ("chula_education", "plan_thailand")),
        _R(
            14,
            2,
            "Children's councils helped plan in Chiang Rai; national consultation is still rare.",
            ("plan_thailand",),
        ),
        _R(15, 1, "No prevention service for people at risk of offending."),
        _R(
            16,
            3,
            "Providers remove reported material within days; blocking orders still take weeks.",
            ("thai_hotline",),
        ),
        _R(17, 2, "Large platforms report voluntarily; there is no legal duty."),
        _R(18, 2, "Detection tools donated by industry are used by the police.", ("microsoft", "rtp")),
        _R(19, 2, "Telecom operators run awareness campaigns; few publish child-safety policies.", ("microsoft",)),
        _R(20, 1, "Online news reports name or show child victims more often than before."),
        _R(21, 2, "Official documents increasingly say child sexual abuse material.", ("msdhs",)),
    ),
    "Synthetic demo data: the ratings illustrate the tool and are not Thailand's actual assessment. "
    "Evidence written in English for the partnership's international review.",
)

THAILAND = CountryNational(
    country="TH",
    partners=PARTNERS,
    meetings=MEETINGS,
    priorities=PRIORITIES,
    strengths=STRENGTHS,
    expectations=EXPECTATIONS,
    commitments=COMMITMENTS,
    assessments=(ASSESSMENT_2018, ASSESSMENT_2025),
)
