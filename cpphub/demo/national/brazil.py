"""Top-down work in Brazil, in Portuguese, with an MNR self-assessment in English. Synthetic.

Two roundtables (Brasília 2009, São Paulo 2010) and three bilaterals (the
Federal Prosecution Service in 2010 and again in 2026, the Federal Police in
2011). The bodies are real; the people, the minutes, the figures and the
ratings are invented for the demo.
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
        "mj",
        "Ministério da Justiça",
        "MJ",
        ("government", "justice"),
        "",
        "Brazil's Ministry of Justice: national policy on crime, the Federal Police and international cooperation.",
        "Roberto Exemplo",
        "Assessor da Secretaria Nacional de Justiça",
    ),
    PartnerSpec(
        "dpf",
        "Departamento de Polícia Federal",
        "DPF",
        ("law_enforcement",),
        "",
        "Brazil's Federal Police, with a unit against online crimes against children.",
        "Eduardo Exemplo",
        "Delegado, unidade de crimes cibernéticos",
    ),
    PartnerSpec(
        "mpf",
        "Ministério Público Federal",
        "MPF",
        ("justice",),
        "",
        "The Federal Prosecution Service; its São Paulo office works with SaferNet on online crimes.",
        "Cláudia Exemplo",
        "Procuradora da República",
    ),
    PartnerSpec(
        "sdh",
        "Secretaria de Direitos Humanos da Presidência da República",
        "SDH/PR",
        ("government",),
        "",
        "Runs the national plan against sexual violence against children and the Disque 100 line "
        "(today's Ministry of Human Rights and Citizenship).",
        "Sandra Exemplo",
        "Coordenadora do enfrentamento da violência sexual",
    ),
    PartnerSpec(
        "mds",
        "Ministério do Desenvolvimento Social e Combate à Fome",
        "MDS",
        ("government",),
        "",
        "Brazil's Ministry of Social Development: the specialised social assistance centres (CREAS) for victims.",
        "Vera Exemplo",
        "Coordenadora de proteção social especial",
    ),
)

MEETINGS = (
    MeetingSpec(
        "rt_brasilia",
        "roundtable",
        D(2009, 11, 10),
        "Mesa-redonda nacional em Brasília: exploração sexual de crianças mediada pelas TIC",
        ("mj", "dpf", "sdh", "safernet", "childhood_brasil", "plan_brasil"),
        (
            "Roberto Exemplo — assessor da Secretaria Nacional de Justiça, Ministério da Justiça",
            "Eduardo Exemplo — delegado da unidade de crimes cibernéticos, Polícia Federal",
            "Sandra Exemplo — coordenadora do enfrentamento da violência sexual, SDH/PR",
            "Lucas Exemplo — analista da central de denúncias, SaferNet Brasil",
            "Beatriz Exemplo — gerente de programas, Childhood Brasil",
            "Mariana Exemplo — coordenadora de programa, Plan Brasil",
            "Robin Sample — diretor de programa, IICRD",
            "Casey Sample — oficial de ligação, RCMP NCECC",
        ),
        "O IICRD apresentou os resultados do mapeamento em Santo André e São Paulo: aliciamento em salas de "
        "bate-papo, webcam paga em lan houses e extorsão sexual entre adolescentes. A Polícia Federal relatou que "
        "poucos estados têm investigadores preparados para esses casos. O Ministério da Justiça lembrou que a Lei "
        "11.829/2008 já tipifica o aliciamento on-line e a posse de material de abuso, mas que ela ainda é pouco "
        "aplicada. A SaferNet ofereceu estatísticas anônimas da central de denúncias. O NCECC descreveu a "
        "formação de investigadores no Canadá. Acordou-se uma segunda mesa-redonda sobre o atendimento às vítimas.",
    ),
    MeetingSpec(
        "bi_mpf",
        "bilateral",
        D(2010, 3, 16),
        "Reunião bilateral com o Ministério Público Federal sobre a remoção de conteúdo",
        ("mpf", "safernet"),
        (
            "Cláudia Exemplo — procuradora da República, MPF em São Paulo",
            "Lucas Exemplo — analista da central de denúncias, SaferNet Brasil",
            "Robin Sample — diretor de programa, IICRD",
        ),
        "O MPF explicou o termo de ajustamento de conduta firmado com uma grande rede social e quer estender a "
        "outras empresas um protocolo de remoção rápida. A SaferNet mostrou que comunidades de humilhação "
        "denunciadas em São Paulo levam semanas para sair do ar. O MPF redigirá uma minuta de protocolo.",
    ),
    MeetingSpec(
        "rt_sao_paulo",
        "roundtable",
        D(2010, 8, 24),
        "Mesa-redonda em São Paulo: atendimento às vítimas e prevenção nas escolas",
        ("mds", "sdh", "childhood_brasil", "neca", "plan_brasil", "safernet", "unicef", "microsoft"),
        (
            "Vera Exemplo — coordenadora de proteção social especial, MDS",
            "Sandra Exemplo — coordenadora do enfrentamento da violência sexual, SDH/PR",
            "Beatriz Exemplo — gerente de programas, Childhood Brasil",
            "Helena Exemplo — pesquisadora, NECA",
            "Mariana Exemplo — coordenadora de programa, Plan Brasil",
            "Fernanda Exemplo — psicóloga, SaferNet Brasil",
            "Avery Sample — especialista em proteção à criança, UNICEF",
            "Riley Sample — gerente do programa de segurança infantil, Microsoft",
        ),
        "Os CREAS atendem vítimas de violência sexual, mas os casos on-line chegam tarde e passam por muitas "
        "entrevistas. A Childhood Brasil apresentou a escuta protegida. A SDH quer que o Disque 100 seja conhecido "
        "pelas crianças das cidades-piloto e pediu dados para monitorar o plano nacional. A SaferNet propôs "
        "levar a educação para o uso seguro da internet às escolas públicas.",
    ),
    MeetingSpec(
        "bi_pf",
        "bilateral",
        D(2011, 2, 22),
        "Reunião bilateral com a Polícia Federal sobre a formação de investigadores",
        ("dpf",),
        (
            "Eduardo Exemplo — delegado da unidade de crimes cibernéticos, Polícia Federal",
            "Jamie Sample — coordenador de formação, RCMP NCECC",
            "Robin Sample — diretor de programa, IICRD",
        ),
        "A Polícia Federal e o NCECC desenharam um curso de investigação on-line para delegados estaduais: "
        "aliciamento, webcam, identificação de vítimas e preservação de provas. O primeiro curso será em junho.",
    ),
    MeetingSpec(
        "bi_mpf_2026",
        "bilateral",
        D(2026, 9, 15),
        "Reunião de acompanhamento com o Ministério Público Federal e a SaferNet",
        ("mpf", "safernet"),
        (
            "Cláudia Exemplo — procuradora da República, MPF em São Paulo",
            "Lucas Exemplo — analista da central de denúncias, SaferNet Brasil",
            "Marcos Exemplo — ponto focal nacional, SaferNet Brasil",
        ),
        "Revisão dos compromissos em aberto. O MPF fará um relatório dos tempos de remoção por plataforma; a "
        "SaferNet levará o canal de denúncia às escolas estaduais do Maranhão, onde o mapeamento encontrou "
        "aliciamento pelo celular.",
    ),
)

PRIORITIES = (
    NationalPrioritySpec(
        "Investigação especializada de crimes cibernéticos contra crianças em todos os estados",
        "Cada estado com investigadores preparados para o aliciamento on-line e o abuso transmitido pela webcam.",
        "dpf",
        "rt_brasilia",
        Focus(4, (CONTACT, CONTRACT), ("grooming", "live_streamed", "csam"), ("police",), EQUIP),
        importance=5,
        status="addressed",
    ),
    NationalPrioritySpec(
        "Aplicar a Lei 11.829/2008 contra o aliciamento on-line e a posse de material de abuso",
        "A lei tipifica o aliciamento e a posse; promotores e juízes ainda a conhecem pouco.",
        "mj",
        "rt_brasilia",
        Focus(5, (CONTACT, CONTENT), ("grooming", "csam"), ("justice", "police"), EQUIP),
        importance=4,
    ),
    NationalPrioritySpec(
        "Remoção rápida do conteúdo denunciado nas redes sociais",
        "Material de abuso e comunidades de humilhação removidos em dias, não em semanas.",
        "mpf",
        "bi_mpf",
        Focus(16, (CONTENT, CONDUCT), ("csam", "self_generated"), ("industry",), COORDINATE),
        importance=4,
        status="addressed",
    ),
    NationalPrioritySpec(
        "Atendimento integrado às crianças vítimas, sem revitimização",
        "Delegacia, Conselho Tutelar e CREAS atendem a vítima uma só vez e a acompanham até o fim.",
        "mds",
        "rt_sao_paulo",
        Focus(
            8,
            (CONTACT, CONDUCT),
            ("sextortion", "self_generated"),
            ("social_workers", "health_workers", "police"),
            COORDINATE,
        ),
        importance=5,
    ),
    NationalPrioritySpec(
        "Disque 100 e o canal de denúncia conhecidos por todas as crianças",
        "Crianças e famílias sabem a quem pedir ajuda quando algo acontece na internet.",
        "sdh",
        "rt_sao_paulo",
        Focus(11, (CONTACT, CONTRACT), ("grooming",), ("children", "parents"), CONNECT),
        importance=4,
    ),
    NationalPrioritySpec(
        "Educação para o uso seguro da internet nas escolas públicas",
        "Professores e alunos sabem reconhecer o aliciamento, a extorsão sexual e a circulação de fotos íntimas.",
        "safernet",
        "rt_sao_paulo",
        Focus(
            13,
            (CONTACT, CONDUCT, CONTENT),
            ("grooming", "sextortion", "self_generated"),
            ("children", "teachers", "parents"),
            EQUIP,
        ),
        importance=3,
    ),
)

STRENGTHS = (
    StrengthSpec(
        "data",
        "Central Nacional de Denúncias de Crimes Cibernéticos",
        "Recebe denúncias anônimas de páginas com abuso sexual infantil, encaminha à Polícia Federal e ao MPF e "
        "compartilha estatísticas anônimas por tipo e plataforma.",
        "safernet",
        "rt_brasilia",
        Focus(12, (CONTENT, CONTACT), ("csam", "grooming"), ("industry", "police")),
        expertise="Análise de denúncias on-line",
    ),
    StrengthSpec(
        "legal_power",
        "Termos de ajustamento de conduta com provedores de internet",
        "Pode exigir de provedores a preservação de dados e a remoção de conteúdo.",
        "mpf",
        "bi_mpf",
        Focus(16, (CONTENT,), ("csam",), ("industry",)),
        expertise="Direito digital",
    ),
    StrengthSpec(
        "staff",
        "Delegados e peritos em crimes cibernéticos",
        "Equipe da unidade de crimes cibernéticos disponível para formar as polícias estaduais (número ilustrativo).",
        "dpf",
        "bi_pf",
        Focus(4, (CONTACT, CONTRACT), ("grooming", "csam", "live_streamed"), ("police",)),
        expertise="Investigação on-line e perícia digital",
        amount=Decimal("40.00"),
        unit="servidores",
    ),
    StrengthSpec(
        "budget",
        "Linha orçamentária do plano nacional de enfrentamento da violência sexual",
        "Recursos para campanhas e formação nos municípios (valor ilustrativo).",
        "sdh",
        "rt_brasilia",
        Focus(1, (CONTACT, CONTRACT), (), ("children", "parents")),
        amount=Decimal("2000000.00"),
        unit="BRL por ano",
    ),
    StrengthSpec(
        "capability",
        "Rede de CREAS nos municípios",
        "Centros de referência especializados atendem crianças vítimas de violência sexual e suas famílias.",
        "mds",
        "rt_sao_paulo",
        Focus(8, (CONTACT, CONDUCT), (), ("children", "parents", "social_workers")),
        expertise="Atendimento psicossocial",
    ),
    StrengthSpec(
        "capability",
        "Metodologia de escuta protegida de crianças",
        "Salas e protocolos para ouvir a criança uma só vez, já usados em tribunais estaduais.",
        "childhood_brasil",
        "rt_sao_paulo",
        Focus(5, (CONTACT,), (), ("justice", "social_workers")),
        expertise="Escuta protegida de crianças",
    ),
)

EXPECTATIONS = (
    ExpectationSpec(
        "Trazer a experiência canadense de coordenação nacional contra a exploração sexual on-line.",
        "mj",
        "rt_brasilia",
    ),
    ExpectationSpec("Ajudar a envolver as empresas de internet no protocolo de remoção.", "mpf", "bi_mpf"),
    ExpectationSpec("Dados das cidades-piloto para monitorar o plano nacional.", "sdh", "rt_sao_paulo"),
    ExpectationSpec(
        "Formação em identificação de vítimas e acesso a bancos de imagens, com o apoio do NCECC.", "dpf", "bi_pf"
    ),
)

COMMITMENTS = (
    CommitmentSpec(
        "Compartilhar relatórios trimestrais anônimos da central de denúncias com a parceria",
        "Coordenação da central de denúncias (SaferNet Brasil)",
        "safernet",
        "rt_brasilia",
        D(2010, 3, 31),
        Focus(12, (CONTENT, CONTACT), ("csam",), ("industry",), COORDINATE),
        done=D(2010, 3, 22),
    ),
    CommitmentSpec(
        "Minuta de protocolo de remoção rápida com as redes sociais",
        "Procuradora da República (MPF)",
        "mpf",
        "bi_mpf",
        D(2010, 9, 30),
        Focus(16, (CONTENT, CONDUCT), ("csam", "self_generated"), ("industry",), COORDINATE),
        done=D(2010, 11, 5),
    ),
    CommitmentSpec(
        "Curso de investigação on-line para delegados estaduais com o NCECC",
        "Coordenação de capacitação (Polícia Federal)",
        "dpf",
        "bi_pf",
        D(2011, 6, 30),
        Focus(4, (CONTACT,), ("grooming", "csam"), ("police",), EQUIP),
        done=D(2011, 6, 10),
    ),
    CommitmentSpec(
        "Formar policiais civis de São Paulo e do Maranhão em investigação de extorsão sexual on-line",
        "Coordenação de capacitação (Polícia Federal)",
        "dpf",
        "",  # agreed by telephone, outside a meeting
        D(2027, 5, 31),
        Focus(4, (CONTACT, CONTRACT), ("sextortion", "grooming"), ("police",), EQUIP),
    ),
    CommitmentSpec(
        "Levar o canal de denúncia às escolas estaduais do Maranhão",
        "Coordenação de prevenção (SaferNet Brasil)",
        "safernet",
        "bi_mpf_2026",
        D(2027, 3, 31),
        Focus(13, (CONTACT, CONTRACT), ("grooming",), ("children", "teachers"), CONNECT),
    ),
    CommitmentSpec(
        "Relatório dos tempos de remoção por plataforma",
        "Procuradora da República (MPF)",
        "mpf",
        "bi_mpf_2026",
        D(2026, 10, 31),
        Focus(16, (CONTENT,), ("csam",), ("industry",), COORDINATE),
    ),
)

_R = RatingSpec
ASSESSMENT_2025 = AssessmentSpec(
    "Autoavaliação MNR do Brasil 2025",
    D(2025, 11, 20),
    "2022",
    (
        _R(
            1,
            3,
            "The national plan against sexual violence against children names online exploitation; "
            "an inter-ministerial committee meets each quarter.",
            ("sdh", "mj"),
        ),
        _R(
            2,
            2,
            "Hotline statistics and pilot-location mappings exist, but no national prevalence study.",
            ("safernet", "neca"),
        ),
        _R(
            3,
            4,
            "Law 11.829/2008 made possession and online grooming crimes; later laws added platform duties.",
            ("mj",),
        ),
        _R(
            4,
            3,
            "The Federal Police has a unit for online crimes against children; most states lack trained investigators.",
            ("dpf",),
        ),
        _R(
            5,
            3,
            "Protected-testimony rooms are used in many state courts; few prosecutors specialise outside the capitals.",
            ("mpf", "childhood_brasil"),
        ),
        _R(6, 1, "No programme manages convicted offenders' use of the internet after release."),
        _R(
            7,
            2,
            "The Federal Police uses image-matching tools but is not yet connected to the international database.",
            ("dpf",),
        ),
        _R(
            8,
            2,
            "Specialised social assistance centres support victims, but online cases often bypass them.",
            ("mds", "childhood_brasil"),
        ),
        _R(9, 2, "Guardianship councillors and social workers get little training on online harms.", ("mds", "neca")),
        _R(10, 1, "Child victims rarely receive compensation; civil claims against offenders are uncommon.", ("mpf",)),
        _R(
            11,
            3,
            "Disque 100 answers free of charge around the clock; SaferNet runs an online help chat.",
            ("sdh", "safernet"),
        ),
        _R(
            12,
            4,
            "SaferNet's national hotline takes anonymous reports and forwards them to police and prosecutors.",
            ("safernet",),
        ),
        _R(
            13,
            3,
            "Safe-internet education reaches many public schools, led by NGOs rather than the school system.",
            ("safernet", "plan_brasil", "neca"),
        ),
        _R(
            14,
            2,
            "Children mapped risks in the pilot locations; national bodies do not yet consult them.",
            ("plan_brasil", "childhood_brasil"),
        ),
        _R(15, 1, "No service helps people worried about their own sexual interest in children."),
        _R(
            16,
            3,
            "Agreements with prosecutors oblige large platforms to remove reported material; small sites are slower.",
            ("mpf", "safernet"),
        ),
        _R(17, 2, "Platforms report to the hotline voluntarily; there is no legal duty to report.", ("safernet",)),
        _R(
            18, 2, "Pilot detection projects with industry exist, but no national programme.", ("microsoft", "safernet")
        ),
        _R(19, 2, "Some telecom operators support awareness campaigns; few have child-safety policies."),
        _R(
            20,
            2,
            "A guide for journalists on reporting sexual violence against children exists; its use is uneven.",
            ("childhood_brasil",),
        ),
        _R(
            21,
            2,
            "Official documents still say child pornography; the partnership says child sexual abuse material.",
            ("sdh",),
        ),
    ),
    "Synthetic demo data: the ratings illustrate the tool and are not Brazil's actual assessment. "
    "Evidence written in English for the partnership's international review.",
)

BRAZIL = CountryNational(
    country="BR",
    partners=PARTNERS,
    meetings=MEETINGS,
    priorities=PRIORITIES,
    strengths=STRENGTHS,
    expectations=EXPECTATIONS,
    commitments=COMMITMENTS,
    assessments=(ASSESSMENT_2025,),
)
