// DuckDB's error messages explained in French, for readers who know SQL but not DuckDB. The
// original message is always shown below the explanation (live-sql-panel.ts, Atelier).
import { frenchSpacing } from "./typography.js";

const q = (s: string) => `«${s}»`;

/** Tables that can be queried, for suggestions. */
export const TABLES = ["projects", "editions", "anomalies", "project_history", "movements"] as const;

type Rule = [RegExp, (match: RegExpExecArray, message: string) => string];

const didYouMean = (m: string) => {
  const name = /Did you mean "([^"]+)"/.exec(m)?.[1];
  return name ? ` Vouliez-vous dire ${q(name)} ?` : "";
};

// First match wins: access and extension refusals before the catalog errors they may look like.
const RULES: Rule[] = [
  [
    /file system operations are disabled|enable_external_access|Permission Error/i,
    () =>
      "L’Atelier ne lit que la base du panorama : les fichiers, les adresses web et les extensions de DuckDB sont désactivés, pour que rien ne quitte votre navigateur.",
  ],
  [
    /exists in the "?([a-z_0-9]+)"? extension/i,
    (match) =>
      `Cette requête demande l’extension ${q(match[1]!)} de DuckDB. L’Atelier n’en charge aucune, pour que rien ne quitte votre navigateur : reformulez la requête avec les fonctions de base de DuckDB.`,
  ],
  [
    /extension "?([a-z_0-9]+)"?[^.]*(autoload|install|load|requires|not (been )?loaded)|(autoload|install|load|requires)[^.]*extension "?([a-z_0-9]+)"?/i,
    (match) => {
      const ext = [match[1], match[5]].find((e) => e && !/^(is|was|has|that|the|to)$/i.test(e));
      return `Cette requête demande une extension de DuckDB${ext ? ` (${q(ext)})` : ""}. L’Atelier n’en charge aucune, pour que rien ne quitte votre navigateur : reformulez la requête avec les fonctions de base de DuckDB.`;
    },
  ],
  [
    /Table with name ([^ ]+?)!? does not exist/i,
    (match, m) => `La table ${q(match[1]!.replace(/^"|"$/g, ""))} n’existe pas. Les tables sont ${TABLES.join(", ")}.${didYouMean(m)}`,
  ],
  [
    /(?:Table Function|Scalar Function|Aggregate Function|Function) with name "?([^ "]+)"? does not exist/i,
    (match, m) => `DuckDB ne connaît pas la fonction ${q(match[1]!)}.${didYouMean(m)}`,
  ],
  [
    /Referenced column "?([^"]+?)"? not found/i,
    (match, m) => {
      const candidates = /Candidate bindings: (.+?)(?: LINE|$)/i.exec(m)?.[1];
      return `La colonne ${q(match[1]!)} n’existe pas dans les tables de la requête.${candidates ? ` Colonnes proches : ${candidates.replace(/"/g, "")}.` : ""}`;
    },
  ],
  [
    /column "?([^" ]+)"? must appear in the GROUP BY clause/i,
    (match) => `La colonne ${q(match[1]!)} doit figurer dans le GROUP BY, ou dans une fonction d’agrégat comme sum(), count() ou any_value().`,
  ],
  [
    /syntax error at or near "([^"]*)"/i,
    (match) =>
      `Erreur de syntaxe près de ${q(match[1]!)} : vérifiez les virgules, les parenthèses et les guillemets (les textes s’écrivent entre apostrophes : 'Justice').`,
  ],
  [/syntax error at end of input/i, () => "La requête s’arrête trop tôt : il manque la fin d’une clause, une parenthèse ou une apostrophe."],
  [
    /Conversion Error|Could not convert|Could not cast/i,
    () => "Une valeur n’a pas pu être convertie dans le type demandé : vérifiez les CAST et les comparaisons entre textes et nombres.",
  ],
  [
    /read[- ]only|Cannot execute statement of type|Cannot (create|insert|update|delete|alter|drop)/i,
    () => "La base est en lecture seule : seules les requêtes de lecture (SELECT, DESCRIBE, SHOW, SUMMARIZE…) sont possibles.",
  ],
  [/configuration has been locked|Cannot change/i, () => "Les réglages de DuckDB sont verrouillés dans l’Atelier, pour que la base reste hors ligne."],
  [
    /No function matches the given name and argument types/i,
    () => "Cette fonction n’accepte pas ces types d’arguments : convertissez-les (par exemple CAST(x AS DOUBLE)).",
  ],
  [/Division by zero|Out of Range/i, () => "Un calcul sort des limites (division par zéro ou nombre trop grand)."],
];

/** One French sentence (or two) saying what went wrong and what to do. */
export function explainError(message: string): string {
  const m = message.replace(/\s+/g, " ");
  for (const [pattern, explain] of RULES) {
    const match = pattern.exec(m);
    if (match) return frenchSpacing(explain(match, m));
  }
  return frenchSpacing("DuckDB n’a pas pu exécuter la requête.");
}
