"""Connect in Thailand: services of Klong Toey, Chiang Rai and Yala, their pathways and the referral policy.

The kinds of services are real (a hospital's One Stop Crisis Centre, the
police task force on internet crimes against children, the 1300 Prachabodi
helpline, a ministry shelter, legal aid, Mercy Centre's and Plan Thailand's
community services); every entry, number and address here is invented.
Names are in English with the Thai name as the other name; pathway steps are
in Thai.
"""

from __future__ import annotations

from decimal import Decimal

from cpphub.demo.connect.specs import (
    DIRECTORY_NOTE,
    CountryConnect,
    PathwaySpec,
    PlaceSpec,
    PolicySpec,
    ProviderSpec,
    ServiceSpec,
    StepSpec,
)

LOCATIONS = ("klong-toey", "chiang-rai", "yala")
# slug -> (city, Thai city, region, latitude, longitude, phone prefix)
PLACES: dict[str, tuple[str, str, str, str, str, str]] = {
    "klong-toey": ("Bangkok", "กรุงเทพฯ", "Bangkok", "13.713000", "100.560000", "+66 2 555 01"),
    "chiang-rai": ("Chiang Rai", "เชียงราย", "Chiang Rai", "19.910500", "99.840600", "+66 53 555 01"),
    "yala": ("Yala", "ยะลา", "Yala", "6.541100", "101.280400", "+66 73 555 01"),
}
SHORT = {"klong-toey": "klt", "chiang-rai": "cri", "yala": "yal"}
FREE_HOURS = "จันทร์-ศุกร์ 08:30-16:30 (Mon-Fri 8:30-16:30)"
ALWAYS = "ตลอด 24 ชั่วโมง (24 hours, every day)"


def _place(slug: str, name: str, north: str = "0", east: str = "0", **fields: object) -> PlaceSpec:
    city, _thai, region, lat, lon, _phone = PLACES[slug]
    return PlaceSpec(
        name=name,
        city=city,
        region=region,
        country_code="TH",
        latitude=Decimal(lat) + Decimal(north),
        longitude=Decimal(lon) + Decimal(east),
        **fields,  # type: ignore[arg-type]
    )


def _phone(slug: str, number: int) -> str:
    return f"{PLACES[slug][5]}{number:02d}"


def _virtual(name: str, url: str = "") -> PlaceSpec:
    return PlaceSpec(name=name, kind="virtual", country_code="TH", url=url)


PROVIDERS: list[ProviderSpec] = [
    ProviderSpec(
        "msdhs_th",
        "Ministry of Social Development and Human Security",
        "TH",
        "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์",
        description="Runs the 1300 Prachabodi Centre helpline and the Children and Families Shelters. "
        + DIRECTORY_NOTE,
    ),
    ProviderSpec(
        "rtp_th",
        "Royal Thai Police",
        "TH",
        "สำนักงานตำรวจแห่งชาติ",
        description="The TICAC task force and the child and women protection units of the provinces. " + DIRECTORY_NOTE,
    ),
    ProviderSpec(
        "lawyers_council",
        "Lawyers Council of Thailand",
        "TH",
        "สภาทนายความ",
        description="Free legal aid through its provincial legal aid centres. " + DIRECTORY_NOTE,
    ),
    ProviderSpec(
        "obec",
        "Office of the Basic Education Commission",
        "TH",
        "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
        description="Counselling teachers in the public schools of the pilot locations. " + DIRECTORY_NOTE,
    ),
    # The partners on CPP Hub: their caseworkers receive the referrals to these services.
    ProviderSpec(
        "face_th",
        "Coalition to Fight Against Child Exploitation",
        "TH",
        "มูลนิธิเพื่อการต่อต้านการค้าหญิงและเด็ก (FACE)",
        partner="face",
        description="Legal aid and accompaniment of child victims of sexual exploitation. " + DIRECTORY_NOTE,
        phone="+66 2 555 0110",
    ),
    ProviderSpec(
        "mercy_th",
        "Mercy Centre",
        "TH",
        "ศูนย์เมอร์ซี่ มูลนิธิพัฒนาคน",
        partner="mercy_centre",
        description="The Human Development Foundation's centre in the Klong Toey community. " + DIRECTORY_NOTE,
        phone="+66 2 555 0120",
    ),
    ProviderSpec(
        "plan_th",
        "Plan Thailand",
        "TH",
        "มูลนิธิแพลน อินเตอร์เนชั่นแนล ประเทศไทย",
        partner="plan_thailand",
        description="Community child protection and case management. " + DIRECTORY_NOTE,
        phone="+66 2 555 0130",
    ),
]
for _slug in LOCATIONS:
    _city, _thai = PLACES[_slug][0], PLACES[_slug][1]
    _hospital = "Klong Toey District Hospital" if _slug == "klong-toey" else f"{_city} Provincial Hospital"
    _hospital_th = "โรงพยาบาลเขตคลองเตย" if _slug == "klong-toey" else f"โรงพยาบาลจังหวัด{_thai}"
    PROVIDERS.append(
        ProviderSpec(
            f"hospital_{SHORT[_slug]}",
            f"{_hospital} (demo)",
            "TH",
            f"{_hospital_th} (ตัวอย่าง)",
            description="A public hospital with a One Stop Crisis Centre. " + DIRECTORY_NOTE,
            phone=_phone(_slug, 1),
        )
    )

SERVICES: list[ServiceSpec] = [
    ServiceSpec(
        "ticac",
        "rtp_th",
        "Thailand Internet Crimes Against Children Task Force (TICAC)",
        "Investigates online grooming, sextortion, abuse material and live-streamed abuse of children; "
        "works with platforms and foreign police. " + DIRECTORY_NOTE,
        ("police_unit",),
        LOCATIONS,
        (
            _place("klong-toey", "TICAC office, Bangkok (demo)", "0.030", "-0.020", address="99 Demo Road, Pathum Wan"),
            _virtual("TICAC online report (demo)", "https://ticac.example.org"),
        ),
        alternate_name="ศูนย์ปราบปรามการกระทำความผิดทางอินเทอร์เน็ตต่อเด็ก (TICAC)",
        languages=("th", "en"),
        hours=ALWAYS,
        application_process="Anyone may report; a caseworker or the family files a complaint.",
        how_to_refer="Call the duty officer, then send the case summary and preserved evidence (never the images).",
        phone="+66 2 555 0101",
        direct_line="+66 2 555 0191",
        url="https://ticac.example.org",
    ),
    ServiceSpec(
        "prachabodi_1300",
        "msdhs_th",
        "1300 Prachabodi Centre helpline",
        "The ministry's free helpline for children, families and anyone worried about a child: advice, "
        "and an emergency team sent out when a child is in danger. " + DIRECTORY_NOTE,
        ("helpline",),
        LOCATIONS,
        (_virtual("Helpline 1300 (demo number)"),),
        alternate_name="ศูนย์ช่วยเหลือสังคม สายด่วน 1300",
        minimum_age=None,
        maximum_age=None,
        languages=("th", "en", "my", "km", "lo"),
        hours=ALWAYS,
        application_process="Call; children may call themselves.",
        how_to_refer="Call with the child or on the child's behalf; ask for the case number of the call.",
        phone="+66 2 555 0100",
    ),
    ServiceSpec(
        "face_legal",
        "face_th",
        "Legal aid for child victims (demo)",
        "FACE lawyers advise the child and family, accompany the child to the police and court, and claim "
        "compensation. " + DIRECTORY_NOTE,
        ("legal_aid",),
        ("klong-toey", "chiang-rai"),
        (
            _place("klong-toey", "FACE office, Bangkok (demo)", "0.010", "0.015", address="12 Demo Soi, Khlong Toei"),
            _place("chiang-rai", "FACE office, Chiang Rai (demo)", "0.005", "-0.010", address="7 Demo Road, Mueang"),
        ),
        alternate_name="ความช่วยเหลือทางกฎหมายสำหรับเด็กผู้เสียหาย (ตัวอย่าง)",
        languages=("th", "en"),
        hours=FREE_HOURS,
        application_process="Through a caseworker's referral, or the family calls.",
        how_to_refer="Refer on CPP Hub with consent covering FACE; FACE answers within the deadline of the risk level.",
        phone="+66 2 555 0111",
        direct_line="+66 2 555 0192",
    ),
    ServiceSpec(
        "lawyers_yala",
        "lawyers_council",
        "Legal aid centre, Yala (demo)",
        "Free legal advice and a lawyer for child victims and their families. " + DIRECTORY_NOTE,
        ("legal_aid",),
        ("yala",),
        (_place("yala", "Lawyers Council legal aid centre, Yala (demo)", "0.004", "0.006", address="5 Demo Road"),),
        alternate_name="ศูนย์ช่วยเหลือทางกฎหมาย สภาทนายความ จังหวัดยะลา (ตัวอย่าง)",
        languages=("th", "ms"),
        hours=FREE_HOURS,
        application_process="Walk in or by referral.",
        how_to_refer="Phone the centre; send the case summary by email.",
        phone=_phone("yala", 11),
    ),
    ServiceSpec(
        "mercy_family",
        "mercy_th",
        "Klong Toey family support and kindergarten (demo)",
        "Social workers visit families in the Klong Toey community, keep children in school and in the "
        "Mercy kindergartens, and follow each child's case. " + DIRECTORY_NOTE,
        ("family_support", "education"),
        ("klong-toey",),
        (
            _place(
                "klong-toey", "Mercy Centre, Klong Toey (demo)", "-0.004", "0.003", address="1 Demo Soi, Khlong Toei"
            ),
        ),
        alternate_name="งานช่วยเหลือครอบครัวและโรงเรียนอนุบาล คลองเตย (ตัวอย่าง)",
        languages=("th", "en"),
        hours="จันทร์-เสาร์ 08:00-17:00 (Mon-Sat 8:00-17:00)",
        application_process="Families come to the centre or a social worker visits.",
        how_to_refer="Refer on CPP Hub with consent covering Mercy Centre.",
        phone="+66 2 555 0121",
        direct_line="+66 2 555 0193",
    ),
    ServiceSpec(
        "mercy_youth",
        "mercy_th",
        "Youth counselling, Klong Toey (demo)",
        "Counselling and group support for children and young people who were harmed online. " + DIRECTORY_NOTE,
        ("psychosocial",),
        ("klong-toey",),
        (
            _place(
                "klong-toey", "Mercy Centre, Klong Toey (demo)", "-0.004", "0.003", address="1 Demo Soi, Khlong Toei"
            ),
        ),
        alternate_name="งานให้คำปรึกษาเยาวชน คลองเตย (ตัวอย่าง)",
        minimum_age=8,
        languages=("th",),
        hours="จันทร์-ศุกร์ 13:00-19:00 (Mon-Fri 13:00-19:00)",
        how_to_refer="Refer on CPP Hub with consent covering Mercy Centre.",
        phone="+66 2 555 0122",
    ),
    ServiceSpec(
        "plan_th_case",
        "plan_th",
        "Community child protection and case management (demo)",
        "Plan Thailand's case workers assess the child's safety, plan the care with the family and the "
        "multidisciplinary team, and counsel the child. " + DIRECTORY_NOTE,
        ("family_support", "psychosocial"),
        LOCATIONS,
        (
            _place("chiang-rai", "Plan Thailand, Chiang Rai office (demo)", "0.012", "0.004", address="3 Demo Road"),
            _place("yala", "Plan Thailand, Yala office (demo)", "-0.006", "0.008", address="8 Demo Road"),
            _place("klong-toey", "Plan Thailand, Bangkok office (demo)", "0.020", "0.010", address="20 Demo Road"),
        ),
        alternate_name="งานคุ้มครองเด็กในชุมชนและการจัดการรายกรณี (ตัวอย่าง)",
        languages=("th", "en", "ms"),
        hours=FREE_HOURS,
        how_to_refer="Refer on CPP Hub with consent covering Plan Thailand.",
        phone="+66 2 555 0131",
        direct_line="+66 2 555 0194",
    ),
]
for _n, _slug in enumerate(LOCATIONS):
    _city, _thai = PLACES[_slug][0], PLACES[_slug][1]
    _short = SHORT[_slug]
    SERVICES += [
        ServiceSpec(
            f"oscc_{_short}",
            f"hospital_{_short}",
            "One Stop Crisis Centre (OSCC)",
            "Medical care, forensic examination, emergency contraception and HIV prophylaxis, and a social "
            "worker and psychologist for children who were abused. " + DIRECTORY_NOTE,
            ("health", "sexual_reproductive_health", "psychosocial"),
            (_slug,),
            (_place(_slug, f"OSCC, {_city} hospital (demo)", "0.008", "0.004", address="OSCC building, Demo Road"),),
            alternate_name="ศูนย์พึ่งได้ (OSCC)",
            minimum_age=None,
            maximum_age=None,
            languages=("th", "en"),
            hours=ALWAYS,
            application_process="Walk in at the emergency department, or by referral.",
            how_to_refer="Phone the OSCC nurse before coming with a child who was abused in the last 72 hours.",
            phone=_phone(_slug, 2),
            direct_line=_phone(_slug, 92),
        ),
        ServiceSpec(
            f"cwpu_{_short}",
            "rtp_th",
            f"Child and women protection unit, {_city} (demo)",
            "The police officers who take complaints of abuse of children and women, with a female officer and "
            "child-friendly interview room. " + DIRECTORY_NOTE,
            ("police_unit",),
            (_slug,),
            (_place(_slug, f"Police station, {_city} (demo)", "-0.010", "-0.006", address="Demo Police Road"),),
            alternate_name=f"ศูนย์คุ้มครองเด็ก เยาวชน และสตรี {_thai} (ตัวอย่าง)",
            minimum_age=None,
            maximum_age=None,
            languages=("th",),
            hours=ALWAYS,
            how_to_refer="Call the duty officer; in an emergency call 191.",
            phone=_phone(_slug, 3),
        ),
        ServiceSpec(
            f"shelter_{_short}",
            "msdhs_th",
            f"Children and Families Shelter, {_city} (demo)",
            "Emergency and temporary shelter for children who cannot stay safely at home, with social workers "
            "and schooling. The address is given to professionals only. " + DIRECTORY_NOTE,
            ("shelter", "family_support"),
            (_slug,),
            (
                _place(
                    _slug,
                    f"Children and Families Shelter, {_city} (demo)",
                    "0.021",
                    "-0.017",
                    address=f"{40 + _n}/2 Demo Safe Lane",
                    postal_code="10000",
                    confidential=True,
                ),
            ),
            alternate_name=f"บ้านพักเด็กและครอบครัวจังหวัด{_thai} (ตัวอย่าง)",
            languages=("th",),
            hours=ALWAYS,
            application_process="Placement by the provincial social development office, with the case manager.",
            how_to_refer="Call the direct line; never give the address to the family or the child's contacts.",
            phone=_phone(_slug, 4),
            direct_line=_phone(_slug, 94),
        ),
        ServiceSpec(
            f"school_{_short}",
            "obec",
            f"School counselling service, {_city} (demo)",
            "Counselling teachers in secondary schools: support at school, prevention of bullying after images "
            "are shared. " + DIRECTORY_NOTE,
            ("education", "psychosocial"),
            (_slug,),
            (_place(_slug, f"Secondary school, {_city} (demo)", "-0.015", "0.012", address="Demo School Road"),),
            alternate_name=f"งานแนะแนวในโรงเรียน {_thai} (ตัวอย่าง)",
            # Yala's service is closed while the schools of the district are closed (an example of the status).
            status="temporarily closed" if _slug == "yala" else "active",
            minimum_age=12,
            languages=("th", "ms") if _slug == "yala" else ("th",),
            hours="วันเปิดภาคเรียน 08:00-16:00 (school days 8:00-16:00)",
            how_to_refer="Contact the school's counselling teacher with the family's agreement.",
            phone=_phone(_slug, 5),
        ),
    ]

ROLES: dict[str, dict[str, str]] = {
    slug: {
        "first": "mercy_family" if slug == "klong-toey" else "plan_th_case",
        "case": "mercy_family" if slug == "klong-toey" else "plan_th_case",
        "helpline": "prachabodi_1300",
        "police": "ticac",
        "local_police": f"cwpu_{SHORT[slug]}",
        "health": f"oscc_{SHORT[slug]}",
        # Klong Toey's legal aid is FACE's: a partner with a caseworker on CPP Hub (the browser test refers there).
        "legal": "lawyers_yala" if slug == "yala" else "face_legal",
        "psych": "mercy_youth" if slug == "klong-toey" else "plan_th_case",
        "shelter": f"shelter_{SHORT[slug]}",
        # Yala's school counselling is temporarily closed: its pathways use Plan Thailand's counselling instead.
        "school": "plan_th_case" if slug == "yala" else f"school_{SHORT[slug]}",
    }
    for slug in LOCATIONS
}

WHO_DECIDES = {
    "klong-toey": "ผู้จัดการรายกรณี (นักสังคมสงเคราะห์) ของ Mercy Centre ร่วมกับทีมสหวิชาชีพของเขตคลองเตย "
    "(The Mercy Centre case manager, with the Klong Toey multidisciplinary team.)",
    "chiang-rai": "ผู้จัดการรายกรณีขององค์กรที่รับเรื่อง ร่วมกับทีมสหวิชาชีพจังหวัดเชียงราย "
    "(The registering organisation's case manager, with Chiang Rai's multidisciplinary team.)",
    "yala": "ผู้จัดการรายกรณีของ Plan Thailand ร่วมกับทีมสหวิชาชีพจังหวัดยะลา "
    "(Plan Thailand's case manager, with Yala's multidisciplinary team.)",
}

LISTENER = "ผู้ที่เด็กเปิดเผยเรื่องด้วย"
CASE_MANAGER = "ผู้จัดการรายกรณี"

PATHWAYS = (
    PathwaySpec(
        "online_grooming",
        "รับฟัง เก็บหลักฐานโดยไม่ส่งต่อ ประเมินความปลอดภัย แล้วแจ้ง TICAC และส่งต่อความช่วยเหลือทางกฎหมาย",
        (
            StepSpec(
                "รับฟังเด็ก ให้ความมั่นใจ ไม่ซักถามซ้ำ เก็บหลักฐาน (ภาพหน้าจอ ชื่อบัญชี) โดยไม่ส่งต่อ",
                "first",
                LISTENER,
                within_hours=24,
            ),
            StepSpec(
                "ประเมินความเสี่ยง: ผู้กระทำรู้จักเด็ก หรือนัดพบเด็กแล้วหรือไม่",
                "case",
                CASE_MANAGER,
                decision=True,
                notes="หากนัดพบแล้วหรือเด็กอยู่ในอันตราย ให้ถือเป็นความเสี่ยงสูง",
            ),
            StepSpec("แจ้งตำรวจ TICAC เพื่อสืบสวนบัญชีของผู้กระทำ", "police", CASE_MANAGER),
            StepSpec("ส่งต่อความช่วยเหลือทางกฎหมายให้เด็กและครอบครัว", "legal", CASE_MANAGER),
            StepSpec("ติดตามดูแลด้านจิตใจและสังคม", "psych", CASE_MANAGER),
        ),
    ),
    PathwaySpec(
        "self_generated_images",
        "ไม่ตำหนิเด็ก ห้ามเปิดดูหรือส่งต่อภาพ ขอให้ลบภาพ และดูแลเด็กที่โรงเรียน",
        (
            StepSpec("รับฟังโดยไม่ตำหนิเด็ก ห้ามเปิดดู บันทึก หรือส่งต่อภาพ", "first", LISTENER, within_hours=24),
            StepSpec("ขอให้แพลตฟอร์มลบภาพ และแจ้งตำรวจ TICAC", "police", CASE_MANAGER, within_hours=24),
            StepSpec("ตัดสินใจร่วมกับเด็กและผู้ปกครองว่าจะดำเนินคดีหรือไม่", "case", CASE_MANAGER, decision=True),
            StepSpec("ดูแลด้านจิตใจและสังคมของเด็ก", "psych", CASE_MANAGER),
            StepSpec("ประสานครูแนะแนวเพื่อป้องกันการกลั่นแกล้งในโรงเรียน", "school", CASE_MANAGER),
        ),
    ),
    PathwaySpec(
        "sextortion",
        "บอกเด็กว่าอย่าจ่ายเงินหรือส่งภาพเพิ่ม เก็บข้อความไว้ แจ้ง TICAC ภายใน 24 ชั่วโมง",
        (
            StepSpec(
                "บอกเด็กว่าอย่าจ่ายเงินหรือส่งภาพเพิ่ม เก็บข้อความไว้ ปรึกษาสายด่วน 1300 ได้ตลอดเวลา",
                "helpline",
                LISTENER,
            ),
            StepSpec("แจ้งตำรวจ TICAC", "police", CASE_MANAGER, within_hours=24),
            StepSpec(
                "ประเมินความเสี่ยงการทำร้ายตนเอง หากมีความเสี่ยงส่งศูนย์พึ่งได้ (OSCC) ทันที",
                "health",
                CASE_MANAGER,
                decision=True,
            ),
            StepSpec("ส่งต่อความช่วยเหลือทางกฎหมาย", "legal", CASE_MANAGER),
            StepSpec("ติดตามดูแลโดยผู้จัดการรายกรณี", "case", CASE_MANAGER),
        ),
    ),
    PathwaySpec(
        "abuse_material_exposure",
        "อธิบายว่าไม่ใช่ความผิดของเด็ก รายงานลิงก์ต่อ TICAC โดยไม่ดาวน์โหลด และดูแลด้านจิตใจ",
        (
            StepSpec("รับฟังและอธิบายว่าไม่ใช่ความผิดของเด็ก", "first", LISTENER),
            StepSpec("รายงานลิงก์ต่อตำรวจ TICAC (อย่าดาวน์โหลดหรือส่งต่อ)", "police", CASE_MANAGER, within_hours=72),
            StepSpec("ประเมินว่าเด็กต้องการการดูแลด้านจิตใจหรือไม่", "psych", CASE_MANAGER, decision=True),
        ),
    ),
    PathwaySpec(
        "live_streamed_abuse",
        "เด็กอยู่ในอันตรายทันที: แจ้งตำรวจในพื้นที่ ส่งศูนย์พึ่งได้ และจัดที่พักปลอดภัยหากจำเป็น",
        (
            StepSpec(
                "เด็กอยู่ในอันตรายทันที: แจ้งตำรวจหน่วยคุ้มครองเด็กและสตรีในพื้นที่",
                "local_police",
                LISTENER,
                decision=True,
                within_hours=2,
            ),
            StepSpec("ตรวจร่างกายและดูแลที่ศูนย์พึ่งได้ (OSCC)", "health", CASE_MANAGER, within_hours=24),
            StepSpec("ตัดสินใจเรื่องที่พักปลอดภัย หากผู้กระทำอยู่ในครอบครัว", "shelter", CASE_MANAGER, decision=True),
            StepSpec("ส่งข้อมูลให้ TICAC เพื่อสืบสวนผู้สั่งการจากต่างประเทศ", "police", CASE_MANAGER),
            StepSpec("ความช่วยเหลือทางกฎหมายและการเยียวยา", "legal", CASE_MANAGER),
            StepSpec("วางแผนดูแลระยะยาวร่วมกับครอบครัว", "case", CASE_MANAGER),
        ),
    ),
)

THAILAND = CountryConnect(
    country="TH",
    # The defaults of the issue; closed cases are deleted after three years.
    policy=PolicySpec(high_hours=24, medium_hours=72, low_hours=168, retention_days=1095, retention_action="delete"),
    providers=tuple(PROVIDERS),
    services=tuple(SERVICES),
    pathways=PATHWAYS,
    roles=ROLES,
    who_decides=WHO_DECIDES,
)
