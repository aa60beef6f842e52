"""Connect in Brazil: services of Santo André, São Paulo and Maranhão, their pathways and the referral policy.

The kinds of services are real (the Conselho Tutelar, the CREAS, the police
unit for children, Disque 100, SaferNet's helpline and hotline, a hospital's
sexual violence service, the Defensoria Pública, a school programme, an NGO
shelter, Plan Brasil's community work); every entry, number and address here
is invented. Names and pathway steps are in Portuguese.
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

LOCATIONS = ("santo-andre", "sao-paulo", "maranhao")
# slug -> (city, state, state code, latitude, longitude, phone prefix)
PLACES: dict[str, tuple[str, str, str, str, str, str]] = {
    "santo-andre": ("Santo André", "São Paulo", "SP", "-23.663900", "-46.538300", "+55 11 5555-01"),
    "sao-paulo": ("São Paulo", "São Paulo", "SP", "-23.550500", "-46.633300", "+55 11 5555-02"),
    "maranhao": ("São Luís", "Maranhão", "MA", "-2.530700", "-44.306800", "+55 98 5555-01"),
}
SHORT = {"santo-andre": "sa", "sao-paulo": "sp", "maranhao": "ma"}
OFFICE_HOURS = "Segunda a sexta, 8h às 17h"
ALWAYS = "24 horas, todos os dias"


def _place(slug: str, name: str, north: str = "0", east: str = "0", **fields: object) -> PlaceSpec:
    city, state, _code, lat, lon, _phone = PLACES[slug]
    return PlaceSpec(
        name=name,
        city=city,
        region=state,
        country_code="BR",
        latitude=Decimal(lat) + Decimal(north),
        longitude=Decimal(lon) + Decimal(east),
        **fields,  # type: ignore[arg-type]
    )


def _phone(slug: str, number: int) -> str:
    return f"{PLACES[slug][5]}{number:02d}"


def _virtual(name: str, url: str = "") -> PlaceSpec:
    return PlaceSpec(name=name, kind="virtual", country_code="BR", url=url)


PROVIDERS: list[ProviderSpec] = [
    ProviderSpec(
        "mdhc",
        "Ministério dos Direitos Humanos e da Cidadania",
        "BR",
        description="Recebe denúncias de violações de direitos humanos pelo Disque 100. " + DIRECTORY_NOTE,
    ),
    ProviderSpec(
        "safernet_br",
        "SaferNet Brasil",
        "BR",
        partner="safernet",
        description="Helpline de orientação e Central Nacional de Denúncias de crimes cibernéticos. " + DIRECTORY_NOTE,
        website="https://www.safernet.org.br",
        phone="+55 11 5555-0300",
    ),
    ProviderSpec(
        "plan_br",
        "Plan Brasil",
        "BR",
        partner="plan_brasil",
        description="Proteção comunitária de crianças e adolescentes. " + DIRECTORY_NOTE,
        phone="+55 98 5555-0300",
    ),
    ProviderSpec(
        "policia_sp",
        "Polícia Civil do Estado de São Paulo",
        "BR",
        description="Delegacias especializadas na proteção da criança e do adolescente. " + DIRECTORY_NOTE,
    ),
    ProviderSpec(
        "policia_ma",
        "Polícia Civil do Estado do Maranhão",
        "BR",
        description="Delegacia especializada na proteção da criança e do adolescente. " + DIRECTORY_NOTE,
    ),
    ProviderSpec(
        "defensoria_sp",
        "Defensoria Pública do Estado de São Paulo",
        "BR",
        description="Assistência jurídica gratuita; núcleo especializado da infância e juventude. " + DIRECTORY_NOTE,
    ),
    ProviderSpec(
        "defensoria_ma",
        "Defensoria Pública do Estado do Maranhão",
        "BR",
        description="Assistência jurídica gratuita; núcleo especializado da infância e juventude. " + DIRECTORY_NOTE,
    ),
    ProviderSpec(
        "abrigo",
        "Associação Casa Girassol (demo)",
        "BR",
        description="ONG que mantém casas de acolhimento para crianças e adolescentes afastados da família por "
        "medida de proteção. " + DIRECTORY_NOTE,
    ),
]
for _slug in LOCATIONS:
    _city, _short = PLACES[_slug][0], SHORT[_slug]
    PROVIDERS += [
        ProviderSpec(
            f"conselho_{_short}",
            f"Conselho Tutelar de {_city} (demo)",
            "BR",
            description="Órgão municipal que zela pelos direitos da criança e do adolescente (ECA, art. 131). "
            + DIRECTORY_NOTE,
            phone=_phone(_slug, 1),
        ),
        ProviderSpec(
            f"prefeitura_{_short}",
            f"Prefeitura de {_city} (demo)",
            "BR",
            description="Assistência social (CREAS) e educação do município. " + DIRECTORY_NOTE,
        ),
        ProviderSpec(
            f"hospital_{_short}",
            f"Hospital Municipal de {_city} (demo)",
            "BR",
            description="Hospital de referência para o atendimento às pessoas em situação de violência sexual. "
            + DIRECTORY_NOTE,
            phone=_phone(_slug, 4),
        ),
    ]

SERVICES: list[ServiceSpec] = [
    ServiceSpec(
        "disque100",
        "mdhc",
        "Disque 100 (Disque Direitos Humanos)",
        "Canal nacional, gratuito e anônimo, para denunciar violência contra crianças e adolescentes; "
        "encaminha a denúncia ao Conselho Tutelar e à polícia. " + DIRECTORY_NOTE,
        ("helpline",),
        LOCATIONS,
        (_virtual("Disque 100 (número de demonstração)"),),
        minimum_age=None,
        maximum_age=None,
        languages=("pt-BR", "es", "en"),
        hours=ALWAYS,
        application_process="Ligue, use o WhatsApp ou o site; a denúncia pode ser anônima.",
        how_to_refer="Registre a denúncia e anote o número do protocolo no caso.",
        phone="+55 61 5555-0100",
    ),
    ServiceSpec(
        "safernet_helpline",
        "safernet_br",
        "Canal de Ajuda da SaferNet (Helpline)",
        "Psicólogas orientam crianças, adolescentes, famílias e educadores sobre violências on-line: "
        "aliciamento, vazamento de imagens, sextorsão. " + DIRECTORY_NOTE,
        ("helpline", "psychosocial"),
        LOCATIONS,
        (_virtual("Helpline por chat e e-mail (demo)", "https://helpline.example.org"),),
        languages=("pt-BR",),
        hours="Segunda a sexta, 9h às 18h",
        application_process="Chat ou e-mail, também pela própria criança ou adolescente.",
        how_to_refer="Encaminhe pelo CPP Hub com consentimento que inclua a SaferNet.",
        phone="+55 11 5555-0301",
        direct_line="+55 11 5555-0391",
        url="https://helpline.example.org",
    ),
    ServiceSpec(
        "safernet_hotline",
        "safernet_br",
        "Central Nacional de Denúncias de Crimes Cibernéticos (Hotline)",
        "Recebe denúncias anônimas de imagens de abuso sexual infantil na internet e as encaminha ao "
        "Ministério Público Federal e às plataformas para remoção. " + DIRECTORY_NOTE,
        ("hotline",),
        LOCATIONS,
        (_virtual("Formulário de denúncia (demo)", "https://denuncie.example.org"),),
        minimum_age=None,
        maximum_age=None,
        languages=("pt-BR", "en", "es"),
        hours=ALWAYS,
        application_process="Denúncia on-line, anônima, com o endereço (URL) do conteúdo.",
        how_to_refer="Informe apenas o endereço do conteúdo; nunca baixe nem envie as imagens.",
        url="https://denuncie.example.org",
    ),
    ServiceSpec(
        "plan_brasil_protecao",
        "plan_br",
        "Proteção comunitária de crianças e adolescentes (demo)",
        "Educadoras sociais acompanham a criança e a família, fortalecem a rede comunitária de proteção e "
        "trabalham com as escolas. " + DIRECTORY_NOTE,
        ("family_support", "psychosocial", "education"),
        ("maranhao", "santo-andre"),
        (
            _place("maranhao", "Escritório da Plan Brasil, São Luís (demo)", "0.006", "0.004", address="Rua Demo, 10"),
            _place("santo-andre", "Ponto de atendimento, Santo André (demo)", "0.003", "-0.004", address="Rua Demo, 5"),
        ),
        languages=("pt-BR",),
        hours=OFFICE_HOURS,
        how_to_refer="Encaminhe pelo CPP Hub com consentimento que inclua a Plan Brasil.",
        phone="+55 98 5555-0301",
        direct_line="+55 98 5555-0391",
    ),
]
for _n, _slug in enumerate(LOCATIONS):
    _city, _state, _code = PLACES[_slug][0], PLACES[_slug][1], PLACES[_slug][2]
    _short = SHORT[_slug]
    _police = "policia_ma" if _code == "MA" else "policia_sp"
    _defensoria = "defensoria_ma" if _code == "MA" else "defensoria_sp"
    SERVICES += [
        ServiceSpec(
            f"conselho_{_short}",
            f"conselho_{_short}",
            f"Atendimento do Conselho Tutelar — {_city}",
            "Recebe a notícia de violência, aplica medidas de proteção e aciona a rede (saúde, assistência, "
            "polícia, Ministério Público). " + DIRECTORY_NOTE,
            ("family_support",),
            (_slug,),
            (_place(_slug, f"Sede do Conselho Tutelar, {_city} (demo)", "0.004", "0.002", address="Rua Demo, 100"),),
            languages=("pt-BR",),
            hours=OFFICE_HOURS + "; plantão 24 horas",
            application_process="Qualquer pessoa pode procurar o Conselho Tutelar.",
            how_to_refer="Ligue ao conselheiro de plantão e envie a ficha de notificação.",
            phone=_phone(_slug, 1),
            direct_line=_phone(_slug, 91),
        ),
        ServiceSpec(
            f"creas_{_short}",
            f"prefeitura_{_short}",
            f"CREAS {_city} — PAEFI (demo)",
            "Centro de Referência Especializado de Assistência Social: acompanhamento psicossocial de crianças "
            "e famílias em situação de violência (PAEFI). " + DIRECTORY_NOTE,
            ("psychosocial", "family_support"),
            (_slug,),
            (_place(_slug, f"CREAS {_city} (demo)", "-0.006", "0.005", address="Avenida Demo, 200"),),
            languages=("pt-BR",),
            hours=OFFICE_HOURS,
            how_to_refer="Encaminhamento do Conselho Tutelar ou da rede, por ofício.",
            phone=_phone(_slug, 2),
        ),
        ServiceSpec(
            f"delegacia_{_short}",
            _police,
            f"Delegacia de Proteção à Criança e ao Adolescente — {_city} (demo)",
            "Registra a ocorrência e investiga crimes contra crianças e adolescentes, com depoimento especial "
            "(Lei 13.431/2017). " + DIRECTORY_NOTE,
            ("police_unit",),
            (_slug,),
            (_place(_slug, f"DPCA {_city} (demo)", "0.009", "-0.007", address="Rua Demo, 300"),),
            minimum_age=None,
            maximum_age=None,
            languages=("pt-BR",),
            hours=ALWAYS,
            how_to_refer="Ligue ao plantão; em emergência, 190.",
            phone=_phone(_slug, 3),
        ),
        ServiceSpec(
            f"hospital_{_short}",
            f"hospital_{_short}",
            "Serviço de Atenção às Pessoas em Situação de Violência Sexual",
            "Atendimento médico de emergência, contracepção de emergência, profilaxia de IST/HIV, coleta de "
            "vestígios e acompanhamento psicológico. " + DIRECTORY_NOTE,
            ("health", "sexual_reproductive_health", "psychosocial"),
            (_slug,),
            (_place(_slug, f"Hospital Municipal de {_city} (demo)", "-0.011", "-0.004", address="Avenida Demo, 400"),),
            minimum_age=None,
            maximum_age=None,
            languages=("pt-BR",),
            hours=ALWAYS,
            application_process="Porta aberta no pronto-socorro; não exige boletim de ocorrência.",
            how_to_refer="Em até 72 horas da violência, leve a criança direto ao pronto-socorro.",
            phone=_phone(_slug, 4),
            direct_line=_phone(_slug, 94),
        ),
        ServiceSpec(
            f"defensoria_{_short}",
            _defensoria,
            f"Núcleo da Infância e Juventude — {_city} (demo)",
            "Orientação jurídica gratuita, acompanhamento da criança vítima no processo e pedidos de medidas "
            "protetivas. " + DIRECTORY_NOTE,
            ("legal_aid",),
            (_slug,),
            (_place(_slug, f"Defensoria Pública, {_city} (demo)", "0.002", "0.010", address="Praça Demo, 50"),),
            languages=("pt-BR",),
            hours=OFFICE_HOURS,
            application_process="Atendimento gratuito para quem não pode pagar advogado.",
            how_to_refer="Agende por telefone; leve o boletim de ocorrência, se houver.",
            phone=_phone(_slug, 5),
        ),
        ServiceSpec(
            f"escola_{_short}",
            f"prefeitura_{_short}",
            f"Programa Escola que Protege — {_city} (demo)",
            "Professores formados para identificar e encaminhar casos de violência on-line e para prevenir o "
            "cyberbullying depois do vazamento de imagens. " + DIRECTORY_NOTE,
            ("education",),
            (_slug,),
            (_place(_slug, f"Secretaria de Educação, {_city} (demo)", "-0.003", "-0.012", address="Rua Demo, 600"),),
            # São Paulo's programme has ended (an example of an inactive service, left out of the pathways).
            status="inactive" if _slug == "sao-paulo" else "active",
            minimum_age=6,
            languages=("pt-BR",),
            hours="Dias letivos, 7h às 17h",
            how_to_refer="Contate a coordenação pedagógica da escola da criança.",
            phone=_phone(_slug, 6),
        ),
    ]
# The shelter's address is confidential: one house in Greater São Paulo, one in São Luís.
for _slug, _served, _number in (("santo-andre", ("santo-andre", "sao-paulo"), 7), ("maranhao", ("maranhao",), 7)):
    _city = PLACES[_slug][0]
    SERVICES.append(
        ServiceSpec(
            f"abrigo_{SHORT[_slug]}",
            "abrigo",
            f"Casa de acolhimento Girassol — {_city} (demo)",
            "Acolhimento institucional provisório para crianças e adolescentes afastados da família por "
            "determinação judicial ou do Conselho Tutelar. Endereço sigiloso. " + DIRECTORY_NOTE,
            ("shelter",),
            _served,
            (
                _place(
                    _slug,
                    f"Casa Girassol {_city} (demo)",
                    "0.017",
                    "0.013",
                    address=f"Rua Sigilosa Demo, {_number}{SHORT[_slug].upper()}",
                    postal_code="00000-000",
                    confidential=True,
                ),
            ),
            languages=("pt-BR",),
            hours=ALWAYS,
            application_process="Somente por determinação do Conselho Tutelar ou da Vara da Infância.",
            how_to_refer="Ligue para a linha direta; nunca informe o endereço à família ou a terceiros.",
            phone=_phone(_slug, _number),
            direct_line=_phone(_slug, 90 + _number),
        )
    )

ROLES: dict[str, dict[str, str]] = {
    slug: {
        "first": f"conselho_{SHORT[slug]}",
        "helpline": "safernet_helpline",
        "report": "disque100",
        "hotline": "safernet_hotline",
        "police": f"delegacia_{SHORT[slug]}",
        "health": f"hospital_{SHORT[slug]}",
        "psych": f"creas_{SHORT[slug]}",
        "legal": f"defensoria_{SHORT[slug]}",
        "shelter": f"abrigo_{'ma' if slug == 'maranhao' else 'sa'}",
        # São Paulo's school programme is inactive: its pathways use SaferNet's helpline for educators instead.
        "school": "safernet_helpline" if slug == "sao-paulo" else f"escola_{SHORT[slug]}",
        "case": "plan_brasil_protecao" if slug == "maranhao" else f"creas_{SHORT[slug]}",
    }
    for slug in LOCATIONS
}

WHO_DECIDES = {
    slug: f"O Conselho Tutelar de {PLACES[slug][0]}, com a rede de proteção (escuta especializada, Lei 13.431/2017)."
    for slug in LOCATIONS
}

LISTENER = "Quem recebeu a revelação"
CASE_MANAGER = "Técnico de referência do caso"

PATHWAYS = (
    PathwaySpec(
        "online_grooming",
        "Escute sem interrogar, preserve as provas, notifique o Conselho Tutelar e registre a ocorrência.",
        (
            StepSpec(
                "Escutar a criança sem interrogar; preservar as conversas (capturas de tela) sem repassá-las",
                "first",
                LISTENER,
                within_hours=24,
            ),
            StepSpec(
                "Avaliar o risco: o aliciador conhece a criança ou marcou encontro?",
                "first",
                "Conselho Tutelar",
                decision=True,
            ),
            StepSpec("Registrar a ocorrência na delegacia especializada", "police", CASE_MANAGER),
            StepSpec("Acompanhamento psicossocial da criança e da família", "psych", CASE_MANAGER),
            StepSpec("Orientação jurídica e medidas protetivas", "legal", CASE_MANAGER),
        ),
    ),
    PathwaySpec(
        "self_generated_images",
        "Não culpe a criança; não abra nem repasse as imagens; peça a remoção e apoie a criança na escola.",
        (
            StepSpec(
                "Acolher sem culpar; não abrir, salvar nem repassar as imagens", "first", LISTENER, within_hours=24
            ),
            StepSpec("Orientação da Helpline sobre a remoção do conteúdo", "helpline", CASE_MANAGER),
            StepSpec(
                "Decidir com a criança e a família sobre o registro da ocorrência",
                "police",
                "Conselho Tutelar",
                decision=True,
            ),
            StepSpec("Prevenir o cyberbullying na escola", "school", CASE_MANAGER),
        ),
    ),
    PathwaySpec(
        "sextortion",
        "Não pague nem envie mais nada; preserve as mensagens; registre a ocorrência em até 24 horas.",
        (
            StepSpec("Orientar: não pagar nem enviar mais imagens; preservar as mensagens", "helpline", LISTENER),
            StepSpec("Registrar a ocorrência na delegacia especializada", "police", CASE_MANAGER, within_hours=24),
            StepSpec(
                "Avaliar risco de autolesão; se houver, atendimento de saúde imediato",
                "health",
                CASE_MANAGER,
                decision=True,
            ),
            StepSpec("Notificar o Conselho Tutelar", "first", CASE_MANAGER),
            StepSpec("Acompanhamento psicossocial", "psych", CASE_MANAGER),
        ),
    ),
    PathwaySpec(
        "abuse_material_exposure",
        "Explique que a culpa não é da criança, denuncie o endereço do conteúdo e ofereça apoio psicológico.",
        (
            StepSpec("Acolher e explicar que a culpa não é da criança", "first", LISTENER),
            StepSpec(
                "Denunciar o endereço (URL) do conteúdo à Central de Denúncias, sem baixar nada",
                "hotline",
                CASE_MANAGER,
                within_hours=72,
            ),
            StepSpec("Avaliar a necessidade de apoio psicológico", "psych", CASE_MANAGER, decision=True),
        ),
    ),
    PathwaySpec(
        "live_streamed_abuse",
        "Criança em perigo imediato: acione a polícia e o Conselho Tutelar; atendimento de saúde em até 72 horas.",
        (
            StepSpec(
                "Criança em perigo imediato: acionar a delegacia (190 em emergência)",
                "police",
                LISTENER,
                decision=True,
                within_hours=2,
            ),
            StepSpec(
                "Notificar o Conselho Tutelar, que aplica as medidas de proteção",
                "first",
                CASE_MANAGER,
                within_hours=24,
            ),
            StepSpec("Atendimento de saúde para vítimas de violência sexual", "health", CASE_MANAGER, within_hours=72),
            StepSpec(
                "Decidir sobre acolhimento, se o agressor vive com a criança",
                "shelter",
                "Conselho Tutelar",
                decision=True,
            ),
            StepSpec("Orientação jurídica e acompanhamento no processo", "legal", CASE_MANAGER),
            StepSpec("Acompanhamento da família a longo prazo", "case", CASE_MANAGER),
        ),
    ),
)

BRAZIL = CountryConnect(
    country="BR",
    # Illustrative: a shorter deadline for medium and low risk; closed cases anonymised after two years.
    policy=PolicySpec(high_hours=24, medium_hours=48, low_hours=120, retention_days=730, retention_action="anonymise"),
    providers=tuple(PROVIDERS),
    services=tuple(SERVICES),
    pathways=PATHWAYS,
    roles=ROLES,
    who_decides=WHO_DECIDES,
)
