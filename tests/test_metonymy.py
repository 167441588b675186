"""Metonymy: a capital or seat of power that acts or speaks, not a place where something happens."""

from __future__ import annotations

import pytest

from geonews.resolve.metonymy import LEXICONS, is_metonymic


def _flag(sentence: str, name: str, feature: str = "capital") -> bool:
    start = sentence.index(name)
    return is_metonymic(sentence, start, start + len(name), feature)


@pytest.mark.parametrize(
    ("sentence", "name", "feature"),
    [
        ("Washington a annoncé mardi de nouveaux droits de douane", "Washington", "capital"),
        ("Pékin a protesté vendredi contre le passage d'une frégate", "Pékin", "capital"),
        ("Hier, le Kremlin a démenti ces informations", "Kremlin", "building"),
        ("Moscou n'a pas commenté ces informations", "Moscou", "capital"),
        ("Moscou n’a toujours pas répondu", "Moscou", "capital"),
        ("Washington s'est dit prêt à négocier", "Washington", "capital"),
        ("Washington avait déjà averti Téhéran", "Washington", "capital"),
        ("Ottawa has said it plans to stick with the deal", "Ottawa", "capital"),
        ("Ottawa has publicly said it plans to stick with it", "Ottawa", "capital"),
        ("Downing Street was considering an early election", "Downing Street", "building"),
        ("Washington craint un accord", "Washington", "capital"),
        ("Downing Street said the prime minister would travel", "Downing Street", "building"),
        ("selon le porte-parole du Kremlin, Dmitri Peskov", "Kremlin", "building"),
        ("Pékin proteste contre le passage d'une frégate", "Pékin", "capital"),
        ("Tokyo protests as ships enter disputed waters", "Tokyo", "capital"),
        ("des inquiétudes à Washington, qui craint un accord", "Washington", "capital"),
    ],
)
def test_an_acting_capital_is_metonymic(sentence: str, name: str, feature: str) -> None:
    assert _flag(sentence, name, feature)


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Paris a deux millions d'habitants", "Paris"),
        ("Paris is a big city", "Paris"),
        ("Paris was founded by the Parisii", "Paris"),
        ("Paris a été le théâtre de manifestations", "Paris"),
        ("Kiev n’a pas été incluse dans le sondage", "Kiev"),
        ("Harare has been left without water", "Harare"),
        ("Vienne avait alors trois gares", "Vienne"),
        ("Paris est une grande ville", "Paris"),
        ("Il vit à Moscou depuis 2010", "Moscou"),
        ("Le recteur de son université à Tokyo menace de partir", "Tokyo"),
        ("Une radio captée à Bogota annonce la chute du régime", "Bogota"),
        ("The fog in London is continuing to cause delays", "London"),
    ],
)
def test_an_auxiliary_alone_or_a_place_is_not_metonymic(sentence: str, name: str) -> None:
    assert not _flag(sentence, name)


def test_only_places_that_can_act() -> None:
    assert _flag("Lyon a annoncé un plan", "Lyon", "capital")
    assert _flag("Lyon a annoncé un plan", "Lyon", "city")
    assert not _flag("Lyon a annoncé un plan", "Lyon", "village")
    assert not _flag("Lyon a annoncé un plan", "Lyon", "river")


@pytest.mark.parametrize(
    ("sentence", "name", "feature"),
    [
        ("Rennes et Brest ont décidé de fusionner leurs réseaux de bus", "Brest", "city"),
        ("Rennes et Brest ont décidé de fusionner leurs réseaux de bus", "Rennes", "city"),
        ("« Nous sommes déçus », a déclaré Lorient après la défaite", "Lorient", "city"),
        ("« Rien n'est joué », estime Dunkerque dans un message", "Dunkerque", "city"),
        ("un ancien joueur de Bordeaux, devenu entraîneur", "Bordeaux", "city"),
        ("selon un communiqué de Lens publié lundi", "Lens", "city"),
        ("Toulouse est un club qui veut grandir", "Toulouse", "city"),
        ("Le Morbihan a voté une aide aux pêcheurs", "Morbihan", "admin2"),
        ("Nancy avait alors saisi la justice", "Nancy", "city"),
        ("Angers, which has said it will appeal", "Angers", "city"),
        ("a statement from Leeds said the club would appeal", "Leeds", "city"),
        ("Metz doit verser 2 millions d'euros à Brest", "Metz", "city"),
        ("les clauses demandées par Nancy dans le contrat", "Nancy", "city"),
        ("Leeds's new manager said the squad was ready", "Leeds", "city"),
        ("Getafe, en revanche, a choisi de faire appel", "Getafe", "city"),
        ("prêté à plusieurs clubs, dont Auxerre et Sochaux", "Sochaux", "town"),
        ("prêté à plusieurs clubs, dont Auxerre et Sochaux", "Auxerre", "town"),
        ("Plus tard. \"Rouen est un club qui veut grandir\", dit-il", "Rouen", "city"),
    ],
)
def test_a_town_that_speaks_or_decides_is_metonymic(sentence: str, name: str, feature: str) -> None:
    assert _flag(sentence, name, feature)


@pytest.mark.parametrize(
    ("sentence", "name", "feature"),
    [
        ("Lyon va accueillir les Jeux en 2030", "Lyon", "city"),
        ("Lille pourrait connaître des orages ce soir", "Lille", "city"),
        ("le maire de Lyon a annoncé un plan", "Lyon", "city"),
        ("Lille est une grande ville du Nord", "Lille", "city"),
        ("Nantes a été touchée par la tempête", "Nantes", "city"),
        ("Il a grandi à Metz, qui compte 120 000 habitants", "Metz", "city"),
        ("Les vols vers Oslo et Bergen, annulés mardi, ont repris", "Bergen", "city"),
        ("entre Rennes et Vitré, dans le sud du département, ont indiqué les gendarmes", "Vitré", "town"),
        ("Les autorités de Quimper ont fermé les écoles", "Quimper", "city"),
        ("Leeds has seen heavy rain this week", "Leeds", "city"),
        ("Metz doit accueillir le congrès", "Metz", "city"),
        ("Leeds's old town hall was built in 1858", "Leeds", "city"),
        ("une ville desservie par Nancy et Metz", "Nancy", "city"),
        ("la région touchée par Nancy", "Nancy", "city"),
        ("un train passé par Nancy", "Nancy", "city"),
        ("a study conducted by Ohio State University", "Ohio", "admin1"),
        ("the tree was weakened by California's long drought", "California", "admin1"),
        ('"It was a long night," Preston said on Monday', "Preston", "city"),
        ("the spokesman, Alan Sheffield, said the talks were over", "Sheffield", "city"),
        ("No one was hurt, said Leeds police Const. Jane Doe", "Leeds", "city"),
    ],
)
def test_a_town_as_a_place_is_not_metonymic(sentence: str, name: str, feature: str) -> None:
    assert not _flag(sentence, name, feature)


def test_auxiliaries_are_not_verbs_in_any_language() -> None:
    for lang, lexicon in LEXICONS.items():
        assert lexicon.auxiliaries and lexicon.participles, lang
        assert not set(lexicon.auxiliaries) & set(lexicon.verbs), lang


@pytest.mark.parametrize(
    ("sentence", "name", "feature"),
    [
        ("Selon Moscou, la Russie soutiendrait la Corée du Nord", "Russie", "country"),
        ("La France a condamné l'attaque", "France", "country"),
        ("L'Iran menace de fermer le détroit", "Iran", "country"),
        ("Kiev accuse Moscou de mener une guerre du gaz", "Kiev", "capital"),
        ("Israel said it would respond", "Israel", "country"),
        ("China warned of consequences", "China", "country"),
        ("Vendredi, les autorités du Niger ont lancé un appel", "Niger", "country"),
        ("Le gouvernement du Québec a demandé aux habitants", "Québec", "admin1"),
        ("diplomates de l'ambassade de France à Damas", "France", "country"),
        ("Israel's military said it had approved a new route", "Israel", "country"),
        ("after the invasion of Ukraine by Russia in February", "Russia", "country"),
        ("l'invasion de l'Ukraine par la Russie en février", "Russie", "country"),
        ("la Russie a envahi l'Ukraine en février", "Russie", "country"),
        ("les sanctions occidentales contre la Russie", "Russie", "country"),
        ("la rivalité entre les États-Unis et la Chine", "États-Unis", "country"),
        ("la rivalité entre les États-Unis et la Chine", "Chine", "country"),
        ("Le Niger et le Mali ont lancé un appel conjoint", "Niger", "country"),
        ("Le Niger et le Mali ont lancé un appel conjoint", "Mali", "country"),
        ("Séoul et Tokyo ont aussitôt fait part de leur inquiétude", "Séoul", "capital"),
        ("lors du match Bulgarie – France. Alors que", "Bulgarie", "country"),
        ("lors du match Bulgarie – France. Alors que", "France", "country"),
        ("Conflit Russie - Ukraine : de quels crimes", "Ukraine", "country"),
        ("Que le Royaume-Uni ait porté l'affaire à ce niveau", "Royaume-Uni", "country"),
        ("En réponse, l'Équateur lui a donc officiellement accordé l'asile", "Équateur", "country"),
        ("les États-Unis ayant déjà indiqué qu'ils sanctionneraient", "États-Unis", "country"),
        ("Washington compte imposer de nouveaux droits", "Washington", "capital"),
        ("Matignon recevra les syndicats lundi", "Matignon", "building"),
        ("Selon lui, l'Élysée « a démenti » toute rumeur", "Élysée", "building"),
        ("Downing Street on Tuesday ruled out an early election", "Downing Street", "building"),
        ("Tokyo lodged a formal protest with Beijing on Wednesday", "Beijing", "capital"),
        ("Oslo and Canberra have operated a joint station since 2001", "Oslo", "capital"),
        ("les Nations unies, marginalisées par Canberra", "Canberra", "capital"),
        ("the new mortgage rules introduced by Ottawa in October", "Ottawa", "capital"),
        ("de nouvelles sanctions contre Téhéran", "Téhéran", "capital"),
        ("la rencontre cruciale avec le Portugal en demi-finale", "Portugal", "country"),
        ("un but permettant à l'Uruguay de s'imposer", "Uruguay", "country"),
        ("l'ONU exhorte la Birmanie à libérer les prisonniers", "Birmanie", "country"),
        ("the UN urged Myanmar to release the prisoners", "Myanmar", "country"),
        ("Le Japon est la plus grande menace pour la région", "Japon", "country"),
        ("la Suède est sur le point de rejoindre l'alliance", "Suède", "country"),
        ("la Norvège n'a pas l'intention de céder", "Norvège", "country"),
        ("l'Islande, la Norvège, Malte, la Grèce et le Portugal", "Malte", "country"),
        ("Oslo and Canberra have operated a joint station since 2001", "Canberra", "capital"),
        ("les pays engagés, à savoir la Mauritanie, le Mali, le Niger et le Tchad", "Mali", "country"),
        ("les pays engagés, à savoir la Mauritanie, le Mali, le Niger et le Tchad", "Mauritanie", "country"),
        ("leur demande à l'égard de la France et de la communauté internationale", "France", "country"),
        ("accuse également la Russie d'utiliser l'énergie comme une arme", "Russie", "country"),
        ("la famine provoquée par le Kremlin dans les années 1930", "Kremlin", "building"),
        ("Dmitri Peskov affirme que le Kremlin accordera une attention accrue", "Kremlin", "building"),
        ("La France est-elle en train de perdre la bataille ?", "France", "country"),
        ("une grande activité hostile de la part de la Russie", "Russie", "country"),
        ("ainsi que les États-Unis, le Japon, le Canada et le Maroc", "Japon", "country"),
        ("Russia invaded Ukraine in February", "Russia", "country"),
        ("les implications politiques de l'intervention de la France au Sahel", "France", "country"),
        ("l'influence croissante de la Chine a un prix", "Chine", "country"),
        ("tandis que la Chine se positionne comme le nouveau partenaire", "Chine", "country"),
        ("Bitcoin : la Centrafrique l'adopte comme monnaie légale", "Centrafrique", "country"),
        ("Georgia's bid for membership of the union", "Georgia", "country"),
        ("la Norvège n'est pas signataire du traité", "Norvège", "country"),
        ("La Finlande est devenue candidate en 2022", "Finlande", "country"),
        ("le Chili reste attaché au multilatéralisme", "Chili", "country"),
        ("le Ghana est le premier pays à ratifier l'accord", "Ghana", "country"),
        ("L'Islande et la Suisse sont des candidats sérieux", "Islande", "country"),
        ("Le Pérou, un pays andin, lutte contre la déforestation", "Pérou", "country"),
        ("L'Islande, la Macédoine du Nord, la Norvège et la Suisse sont des candidats", "Norvège", "country"),
        ("après dix ans de coopération militaire avec le Tchad", "Tchad", "country"),
        ("la rivalité historique entre l'Inde et le Pakistan", "Pakistan", "country"),
        ("il refuse de condamner directement l'Iran pour ces frappes", "Iran", "country"),
        ("l'armée accuse plutôt le Soudan d'armer les rebelles", "Soudan", "country"),
        ("l'autonomie vis-à-vis du Japon et de la Corée du Sud", "Corée du Sud", "country"),
        ("les politiques zéro déchet de la Suède", "Suède", "country"),
        ("un proche allié de l'Égypte dans la région", "Égypte", "country"),
        ("sa fierté que la Belgique ait pu aider le Congo", "Belgique", "country"),
        ("une victoire sur le Cameroun en quart de finale", "Cameroun", "country"),
        ("les deux matches du Cameroun en Coupe d'Afrique", "Cameroun", "country"),
        ("Le Kenya change sa constitution", "Kenya", "country"),
        ("Norway is a signatory to the treaty", "Norway", "country"),
        ("le soutien de Moscou à son allié régional, la Syrie", "Syrie", "country"),
        ("une statue offerte au nom du Portugal", "Portugal", "country"),
        ("le dernier roi d'Afghanistan", "Afghanistan", "country"),
        ("l'ambassadeur auprès du Saint-Siège", "Saint-Siège", "country"),
        ("L'agence dégrade de nouveau la Grèce", "Grèce", "country"),
        ("La Bolivie votait dimanche pour élire son président", "Bolivie", "country"),
        ("en marge d'un « sommet Sahel » entre la France et le Tchad", "France", "country"),
        ("une guerre commerciale contre l'Asie", "Asie", "continent"),
        ("« Il n'y a pas d'accord », a indiqué la Norvège", "Norvège", "country"),
    ],
)
def test_a_country_or_capital_as_actor_is_metonymic(sentence: str, name: str, feature: str) -> None:
    assert _flag(sentence, name, feature)


@pytest.mark.parametrize(
    ("sentence", "name", "feature"),
    [
        ("la France compte 68 millions d'habitants", "France", "country"),
        ("L'Inde compte moins de 10 médecins pour 10 000 habitants", "Inde", "country"),
        ("La Bulgarie reste en queue de peloton", "Bulgarie", "country"),
        ("Il a passé dix ans en France avant de rentrer", "France", "country"),
        ("Il vit aux États-Unis depuis 2010", "États-Unis", "country"),
        ("la Russie est le plus grand pays du monde", "Russie", "country"),
        ("la Russie a été touchée par des incendies", "Russie", "country"),
        ("France 24 a annoncé une nouvelle émission", "France", "country"),
        ("le nord de la Russie a été frappé par le froid", "Russie", "country"),
        ("le nord de la Russie a envahi les écrans", "Russie", "country"),
        ("le maire de Paris a annoncé un plan", "Paris", "capital"),
        ("La crue du fleuve Niger a inondé plusieurs quartiers", "Niger", "country"),
        ("NEWCASTLE, Australia - Severe thunderstorms brought floods", "Australia", "country"),
        ("la frontière entre la France et l'Espagne", "France", "country"),
        ("une originaire de Gambie, qui a participé", "Gambie", "country"),
        ("Les autorités de Buea ont fermé les écoles", "Buea", "city"),
        ("The floods in China have displaced thousands", "China", "country"),
        ("Exports to China have declined", "China", "country"),
        ("Russia is the largest country in the world", "Russia", "country"),
        ("Le Mali a peu de routes goudronnées", "Mali", "country"),
        ("La Russie a ensuite été frappée par la crise", "Russie", "country"),
        ("des pays tels que le Mali, le Niger et le Tchad", "Niger", "country"),
        ("l'invasion de l'Ukraine par la Russie en février", "Ukraine", "country"),
        ("la Russie s'étend de la Baltique au Pacifique", "Russie", "country"),
        ("la population de la France a augmenté", "France", "country"),
        ("la Russie se trouve au nord de la Chine", "Russie", "country"),
        ("A suicide car bomb in central Turkey has killed 13 soldiers", "Turkey", "country"),
        ("Trump said that while Cuba remained a totalitarian island", "Cuba", "country"),
        ("une junte militaire prend le pouvoir au Venezuela", "Venezuela", "country"),
        ("aux trois frontières entre le Mali, le Niger et le Burkina Faso", "Niger", "country"),
        ("des migrants de pays comme le Sénégal, le Nigéria et la Gambie", "Nigéria", "country"),
        ("Ils voyagent au Mali, au Niger et au Tchad", "Niger", "country"),
        ("Oslo et Lima ont progressé dans le classement des villes chères", "Lima", "capital"),
        ("Oslo et Lima ont accueilli des millions de visiteurs", "Oslo", "city"),
        ("Oslo has operated a tram network since 1894", "Oslo", "capital"),
        ("la Norvège a grimpé à la troisième place", "Norvège", "country"),
        ("elle considère que la Norvège connaîtra une faible croissance", "Norvège", "country"),
        ("le plus élevé au monde après le Venezuela et le Soudan", "Venezuela", "country"),
        ("the Geneva Institute, la Corée du Nord possède des stocks", "Corée du Nord", "country"),
        ("la Norvège est un pays montagneux", "Norvège", "country"),
        ("La Finlande, couverte de forêts, a connu un hiver rigoureux", "Finlande", "country"),
        ("La Finlande, au nord de l'Europe, compte cinq millions d'habitants", "Finlande", "country"),
        ("entre la Macédoine du Nord, la Grèce et la Bulgarie", "Grèce", "country"),
        ("Il a voyagé en Suède et la Norvège l'été dernier", "Norvège", "country"),
        ("Il a voyagé en Islande, au Danemark, Malte, la Grèce et le Portugal", "Malte", "country"),
        ("un vol direct par Canberra", "Canberra", "capital"),
        ("la Birmanie est la région la plus touchée", "Birmanie", "country"),
        ("Norway is a mountainous country", "Norway", "country"),
        ("On se bat au Tchad et dans le Sahel", "Tchad", "country"),
        ("les pays d'Asie ont été touchés", "Asie", "continent"),
        ("la Chine ouvre sur la mer de Chine", "Chine", "country"),
        ("funds to support the Ministry of Health, Angola, in the outbreak", "Angola", "country"),
        ("said the United Kingdom's chief veterinary officer", "United Kingdom", "country"),
        ("A cow in the province Alberta, Canada, has tested positive for the disease", "Canada", "country"),
        ("the Hasam Movement of Egypt, or the Movement, said in a statement", "Egypt", "country"),
        ("Jones and British Columbia Finance Minister Ann Smith said", "British Columbia", "admin1"),
    ],
)
def test_a_country_as_a_place_is_not_metonymic(sentence: str, name: str, feature: str) -> None:
    assert not _flag(sentence, name, feature)


def test_every_language_has_every_list_of_the_country_rules() -> None:
    for lang, lexicon in LEXICONS.items():
        assert lexicon.perfect and lexicon.institutions and lexicon.agents and lexicon.relations, lang
        assert set(lexicon.perfect) <= set(lexicon.auxiliaries), lang
        assert not set(lexicon.statives) & set(lexicon.verbs), lang
