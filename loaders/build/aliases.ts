// Reviewed identity decisions that name folding cannot make: renamed projects
// (aliases) and look-alike projects kept apart (distinct pairs). Every entry was
// checked against the mirrored editions (2016-11 … 2021-11); `why` is shown on the
// methodology page, so it is in French and cites the editions and the evidence.
//
// An alias's `to` is the key of one of the project's own published names (nameSlug), fixed
// here, so it does not depend on the editions loaded; an alias added for a merge that a new
// edition reveals targets the key already in use, which therefore does not change.
// Versions and phases ("V2", "phase II", "cycle 1", "version 1", "NG"): the suffixed name is
// the same project as the plain one when both listings publish the same ministry and the
// same start date (alias); otherwise it is a distinct project (distinct pair).

export interface ProjectAlias {
  /** Published or folded name (compared folded). */
  from: string;
  /** Canonical ministry, when the name alone is not enough. */
  ministry?: string;
  /** The project_key the rows named `from` get: the key of the project they join. */
  to: string;
  why: string;
}

/** Two project keys that look alike (the matching report's "ambiguous") but are different projects. */
export interface DistinctPair {
  a: string;
  b: string;
  why: string;
}

export const PROJECT_ALIASES: readonly ProjectAlias[] = [
  {
    from: "3-PAS-S_DAE",
    to: "3pa-s",
    why: "Les deux descriptions parlent du « projet 3PA-S » (achats de l’État, SIAE), début janvier 2016 ; nommé « 3-PAS-S_DAE » en 2017-11 seulement.",
  },
  {
    from: "APPACH",
    to: "3pa-s",
    why: "Même ministère, même début (janvier 2016), même zone (Achats), même financement (P218), en cadrage : la description de 3PA-S (2017-06, 2017-11) énumère exactement les quatre fonctions d’APPACH, nommé ainsi à partir de 2018-03.",
  },
  {
    from: "ARCHIPEL-NG",
    to: "archipel",
    why: "Même projet d’archivage du programme Vitam, début avril 2015 ; en 2018-03, le tableur le nomme « ARCHIPEL-NG » et le tableau de bord « ARCHIPEL ».",
  },
  {
    from: "CASSIOPEE V2",
    to: "cassiopee",
    why: "Nommé « CASSIOPEE V2 » en 2017-02 et 2017-06 seulement, entre des éditions « CASSIOPEE » : même description, début janvier 2014, 9,9 M€.",
  },
  {
    from: "Compte Personnel d'Activité",
    to: "cpa",
    why: "Même description (loi du 8 août 2016), début décembre 2015 ; sigle « CPA » à partir de 2017-11 (24,0 M€ puis 24,8 M€).",
  },
  {
    from: "Déploiement de l'application RenoiRH et adaptations liées",
    to: "deploiement-renoirh",
    why: "Ministères sociaux : même début (janvier 2012) et même coût (27,1 M€) de 2016-11 à 2018-11 ; renommé en 2017-02 puis en 2017-11.",
  },
  {
    from: "Dépl. PESE, Winpaie, RenoiRH + évol.SI connexes",
    to: "deploiement-renoirh",
    why: "Même description en 2017-02, 2017-06 et 2017-11 (déploiement de RenoiRH pour les ministères sociaux), début janvier 2012, 27,1 M€ ; renommé « Déploiement RenoiRH » en 2017-11.",
  },
  {
    from: "Concentrateur DSN",
    to: "dsn-fpe-concentrateur",
    why: "Même description (DSN de la fonction publique de l’État), début novembre 2016 ; renommé « DSN FPE (concentrateur) » en 2017-11.",
  },
  {
    from: "SIRH DIALOGUE 2",
    to: "dialogue-2",
    why: "Même description, début janvier 2014, 38,3 M€ en 2017-06 comme en 2017-11 ; « SIRH » retiré du nom en 2017-11.",
  },
  {
    from: "Elire – élaboration des listes à partir du répertoire électoral",
    to: "elire",
    why: "Même description (répertoire électoral unique), début mars 2016, 5 M€ ; nom réduit à « ELIRE » en 2017-11.",
  },
  {
    from: "FRANCE CONNECT PHASE II",
    to: "franceconnect-phase-ii",
    why: "Même nom aux espaces près, même description, début janvier 2017 : « FRANCECONNECT PHASE II » en 2017-02 et 2017-06, « FRANCE CONNECT PHASE II » à partir de 2017-11.",
  },
  {
    from: "Guichet entreprise",
    to: "guichet-entreprise-dge",
    why: "Même description, début avril 2015, 24,4 M€ ; renommé « Guichet_Entreprise_DGE » en 2017-11.",
  },
  {
    from: "Enrichissement du SI Harmonie et fusion des métiers RH",
    to: "harmonie",
    why: "Même description, début avril 2014 ; renommé « HARMONIE » en 2017-11 (34,2 M€ puis 38,6 M€).",
  },
  {
    from: "Modernisation de l'INPT (projets FH et IP)",
    to: "inpt",
    why: "Même description, début juin 2014, 352 M€ en 2017-06 comme en 2017-11 ; renommé « INPT » en 2017-11.",
  },
  {
    from: "LSU du CP à la 3EME",
    to: "lsun",
    why: "Même description (livret scolaire unique), début juin 2014, 2 M€ ; renommé « LSUN » en 2017-11.",
  },
  {
    from: "MCIC-2",
    to: "mcic2",
    why: "Même nom au trait d’union près, début février 2015 : « MCIC² » en 2017-11, « MCIC-2 » à partir de 2018-03.",
  },
  {
    from: "PIB/MISTRAL",
    to: "mistral",
    why: "Même description, début juin 2014, 26,6 M€ en 2017-02 comme en 2017-06 ; renommé « MISTR@L » en 2017-06.",
  },
  {
    from: "Généralisation - Equipement numérique mobile du primo-intervenant NEOGEND/NEOPOL",
    to: "mobilite",
    why: "Même description (équipement numérique mobile des forces de sécurité), début septembre 2014, 81,6 M€ ; renommé « MOBILITE » en 2017-11.",
  },
  {
    from: "REHUCIT",
    to: "montee-version-sirh",
    why: "Nommé « REHUCIT » en 2017-11 seulement, entre des éditions « Montée de version du SIRH » : même description (migration du SIRH vers RenoiRH), début octobre 2016.",
  },
  {
    from: "NexSIS Version 1",
    to: "nexsis",
    why: "Même description et même début (février 2016) en 2018-11 et 2021-11 ; le nom vise la version 1 en 2021-11, durée ramenée de 9,8 à 6,75 ans.",
  },
  {
    from: "NSTI / DELT@ T",
    to: "nsti",
    why: "Même description (projet Delta T, transit douanier), début septembre 2014, 5,6 M€ ; « / DELT@ T » retiré du nom en 2017-11.",
  },
  {
    from: "SI Paie des EPLE (OPERA)",
    to: "opera",
    why: "Même description (refonte de la paie des EPLE « GOSPEL »), début février 2015 ; renommé « OPER@ » en 2017-11 (17,1 M€ puis 17,4 M€).",
  },
  {
    from: "Paysage : Modernisation iso fonctionnelle de PAY",
    to: "paysage",
    why: "Même description (réécriture iso-fonctionnelle de PAY), début octobre 2014, 41,7 M€ en 2017-06 comme en 2017-11 ; renommé « PAYSAGE » en 2017-11.",
  },
  {
    from: "PPNG Plan Préfectures Nouvelle Génération",
    to: "ppng",
    why: "Même description (plan préfectures nouvelle génération), 17,1 M€ en 2017-06 comme en 2017-11 ; nom réduit au sigle en 2017-11.",
  },
  {
    from: "Regroupement des centres informatiques",
    to: "regroup-centres-info",
    why: "Même description (rénovation et regroupement des centres informatiques), début janvier 2015, 11,9 M€ ; nom abrégé en 2017-11.",
  },
  {
    from: "RESYTAL CYCLE 1",
    to: "resytal",
    why: "Même description (refonte du SI de l’Alimentation), début décembre 2012 ; « CYCLE 1 » retiré du nom en 2017-11, coût porté de 21,6 à 25,7 M€ à cette édition.",
  },
  {
    from: "Réseau Interministériel de l'Etat",
    to: "rie",
    why: "Même description (réseau interministériel de l’État), début mai 2011, 59,5 M€ en 2017-06 puis 60,1 M€ ; nom réduit au sigle en 2017-11.",
  },
  {
    from: "SÉGUR-FONTENOY",
    to: "segur",
    why: "Même description (projet Ségur de la DSAF), début janvier 2015, 18,8 M€ ; renommé « SEGUR » en 2017-11.",
  },
  {
    from: 'SI-Samu (étape "Construction & Pilote")',
    to: "si-samu",
    why: "Même description (SI des Samu-Centres 15), début septembre 2014, 75,4 M€ en 2017-06 puis 75,1 M€ ; mention d’étape retirée du nom en 2017-11.",
  },
  {
    from: "SIRENA Cycle 1",
    to: "sirena",
    why: "Même description (enseignement agricole), début janvier 2015, 10,1 M€ en 2017-06 comme en 2017-11 ; « Cycle 1 » retiré du nom en 2017-11.",
  },
  {
    from: "SIRHIUS V1",
    to: "sirhius",
    why: "Même description, début janvier 2007, 161,7 M€ en 2017-06 comme en 2017-11 ; « V1 » retiré du nom en 2017-11.",
  },
  {
    from: "PROJET SOLDE GENDARMERIE",
    to: "solde-gendarmerie",
    why: "Même description, début octobre 2014, 10,3 M€ en 2017-06 comme en 2017-11 ; « PROJET » retiré du nom en 2017-11.",
  },
];

export const PROJECT_DISTINCT: readonly DistinctPair[] = [
  {
    a: "france-connect",
    b: "franceconnect-phase-ii",
    why: "FranceConnect (début juillet 2013, 7 M€, en déploiement en 2016-11) et sa phase II (début janvier 2017, en cadrage) : la phase II a sa propre date de début, projet distinct.",
  },
  {
    a: "genesis",
    b: "genesis-v2",
    why: "GENESIS (début janvier 2007, 47,5 M€, en déploiement, 2016-11 et 2017-02) puis GENESIS V2 (2017-06 et 2017-11) en cadrage, sans date de début ni coût : même ministère et même description mot pour mot, mais la V2 ne publie pas la même date de début, projet distinct.",
  },
  {
    a: "pnij",
    b: "pnij-ng-antenj",
    why: "PNIJ (début mars 2005, en déploiement) et PNIJ NG (ANTENJ), nouvelle génération commencée en décembre 2017, en cadrage : date de début différente, projet distinct.",
  },
  {
    a: "sirhen",
    b: "migration-sirh",
    why: "SIRHEN (programme SIRH commencé en 2008, listé jusqu’en 2018-07) ; « MIGRATION SIRH » (2021-11) migre les personnels non enseignants vers RenoiRH, début janvier 2020.",
  },
  {
    a: "sirhen",
    b: "reurbanisation-sirh",
    why: "SIRHEN (programme SIRH commencé en 2008, listé jusqu’en 2018-07) ; « REURBANISATION SIRH » (2021-11), début janvier 2020, accompagne la migration vers RenoiRH.",
  },
  {
    a: "sirhen",
    b: "securisation-sirh",
    why: "SIRHEN (programme SIRH commencé en 2008, listé jusqu’en 2018-07) ; « SECURISATION SIRH » (2021-11), début octobre 2019, sécurise les SIRH historiques.",
  },
];
