// Headline figures of editions published after the last mirrored one, as stated by public pages
// (../shared/panorama/README.md, "Published headline figures of later editions"). They exist in no
// loaded file, so they are typed here once, reviewed, each with its source; the report shows them
// beside the computed figures and never mixes them into the computed ones.

export interface PublishedSource {
  /** What the reader sees, in French. */
  label: string;
  /** Only when the exact address is known. */
  url: string | null;
}

export interface LaterPublishedFigures {
  /** Edition id (YYYY-MM): the month the edition describes, not its publication date. */
  edition: string;
  /** Number of the edition in the series (14 = November 2021), when stated. */
  number: number | null;
  /** When it was published, if later than the edition month (French, for the reader). */
  published_note: string | null;
  projects: number | null;
  entered: number | null;
  exited: number | null;
  /** Billions of euros (Md€). */
  cost_beur: number | null;
  cost_note: string | null;
  /** Years. */
  duration_years: number | null;
  /** Set when the source gives a bound instead of a value ("plus de 6 ans"). */
  duration_note: string | null;
  /** Fractions (0.191 for 19,1 %). */
  schedule_gap: number | null;
  budget_gap: number | null;
  budget_gap_note: string | null;
  sources: PublishedSource[];
}

export const LATER_PUBLISHED_FIGURES: readonly LaterPublishedFigures[] = Object.freeze(
  [
    {
      edition: "2022-12",
      number: 16,
      published_note: null,
      projects: 54,
      entered: null,
      exited: null,
      cost_beur: 3.09,
      cost_note: "coûts actualisés",
      duration_years: null,
      duration_note: "plus de 6 ans",
      schedule_gap: null,
      budget_gap: 0.24,
      budget_gap_note: "chiffre rapporté par la presse",
      sources: [
        { label: "itpublic.fr (article ?p=1376)", url: "https://itpublic.fr/?p=1376" },
        { label: "lemondeinformatique.fr (articles 89968 et 93785)", url: null },
      ],
    },
    {
      edition: "2023-12",
      number: 18,
      published_note: "publiée en avril 2024",
      projects: 48,
      entered: 4,
      exited: 8,
      cost_beur: 3.602,
      cost_note: null,
      duration_years: 6.2,
      duration_note: null,
      schedule_gap: 0.191,
      budget_gap: 0.108,
      budget_gap_note: null,
      sources: [{ label: "tableau de bord officiel (disic.github.io/panorama)", url: "https://disic.github.io/panorama/" }],
    },
    {
      edition: "2024-06",
      number: 19,
      published_note: "publiée en novembre 2024",
      projects: 45,
      entered: null,
      exited: null,
      cost_beur: 3.8,
      cost_note: null,
      duration_years: 6.2,
      duration_note: null,
      schedule_gap: null,
      budget_gap: 0.175,
      budget_gap_note: null,
      sources: [{ label: "cio-online.com (article 16044)", url: null }],
    },
    {
      edition: "2024-12",
      number: 20,
      published_note: "publiée en août 2025",
      projects: 45,
      entered: 4,
      exited: 4,
      cost_beur: 3.3,
      cost_note: null,
      duration_years: 6.3,
      duration_note: null,
      schedule_gap: null,
      budget_gap: 0.065,
      budget_gap_note: null,
      sources: [{ label: "cio-online.com (article 16500)", url: null }],
    },
  ].map((f) => Object.freeze({ ...f, sources: Object.freeze(f.sources.map((s) => Object.freeze(s))) as PublishedSource[] })),
);
