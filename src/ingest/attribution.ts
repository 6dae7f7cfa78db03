/** A publisher credited in an item's title, and the title without the credit. */
export interface Attribution {
  originalPublisher: string;
  cleanTitle?: string;
}

export interface DetectAttributionOptions {
  /** Publisher names to accept in addition to the built-in list and the name-shape rules. */
  knownPublishers?: string[];
}

const KNOWN_PUBLISHERS = [
  'Reuters', 'Bloomberg', 'Associated Press', 'Agence France-Presse', 'Xinhua', 'TASS', 'Interfax', 'Kyodo', 'Yonhap',
  'Anadolu', 'dpa', 'EFE', 'ANSA', 'Politico', 'Axios', 'Al Jazeera', 'Euronews', 'Deutsche Welle', 'Le Monde',
  'Der Spiegel', 'Spiegel', 'El País', 'Haaretz', 'Kommersant', 'Vedomosti', 'Nikkei', 'Forbes', 'Fortune', 'Axel Springer',
];

/** Words publishers' names are made of; a prefix needs one of these (or to be known, or an acronym). */
const PUBLISHER_WORDS =
  /\b(News|Times|Post|Journal|Press|Agency|Tribune|Herald|Gazette|Telegraph|Guardian|Wire|Daily|Chronicle|Radio|TV|Television|Broadcasting|Observer|Express|Mirror|Standard|Independent|Economist|Bulletin|Presse|Zeitung|Nachrichten|Noticias|Notícias|Nouvelles)\b/;

/** Labels and section names that look like names but are not publishers. */
const NOT_PUBLISHERS = new Set(
  (
    'breaking|breaking news|update|updated|updates|opinion|analysis|exclusive|watch|live|live updates|video|photos|' +
    'explainer|review|editorial|interview|factbox|fact check|podcast|comment|listen|poll|revealed|report|sponsored|' +
    'advertisement|correction|obituary|quiz|new|just in|urgent|alert|flash|developing|recap|preview|timeline|' +
    'world news|local news|sports news|business news|weather|watch live|read more|news|top news|morning news|' +
    'nato|eu|un|us|uk|usa|who|imf|fbi|cia|nasa|gop|uefa|fifa|opec|ecb|fed|ai|ceo|covid|g7|g20|brics|nhs'
  ).split('|'),
);

const ACRONYM = /^(?:\p{Lu}{2,6}|\p{Lu}(?:\.\p{Lu})+\.?)$/u;
const NAME_WORD = /^(?:\p{Lu}[\p{L}'’.&-]*|of|the|de|du|del|la|le|el|and|&)$/u;

/**
 * Finds an original publisher credited in a title: "WSJ: …", "Reuters – …", "(AP) — …", or a
 * trailing "… - Reuters". Conservative by design: the credit must look like a publisher's name
 * (at most four capitalised words or one acronym) and be a known agency, an acronym, or contain
 * a word such as News, Times or Journal. Labels ("Breaking:", "Update:", "Opinion:") and
 * organisations that are usually the subject (NATO, EU, UN) are never credits. A person quoted
 * in a headline ("Putin: …") is not a publisher unless listed in `knownPublishers`.
 */
export function detectAttribution(title: string, options: DetectAttributionOptions = {}): Attribution | undefined {
  const text = title.replace(/\s+/g, ' ').trim();
  if (text.length > 500) return undefined;
  const known = new Set([...KNOWN_PUBLISHERS, ...(options.knownPublishers ?? [])].map((n) => n.toLowerCase()));
  const forms: RegExp[] = [
    /^\(([^()]{2,40})\)\s*(?:[-–—:|]\s*)?(.+)$/u,
    /^([^:|–—]{2,40}?)\s*[:|]\s+(.+)$/u,
    /^([^:|–—]{2,40}?)\s+[-–—]\s+(.+)$/u,
  ];
  for (const form of forms) {
    const match = form.exec(text);
    if (match && isPublisher(match[1], known)) return result(match[1], match[2]);
  }
  const trailing = /^(.+?)\s+[-–—|]\s+([^-–—|]{2,40})$/u.exec(text);
  if (trailing && isPublisher(trailing[2], known)) return result(trailing[2], trailing[1]);
  return undefined;
}

function result(publisher: string, rest: string): Attribution {
  const cleanTitle = rest.trim();
  return { originalPublisher: publisher.trim(), ...(cleanTitle ? { cleanTitle } : {}) };
}

function isPublisher(candidate: string, known: Set<string>): boolean {
  const name = candidate.trim();
  const lower = name.toLowerCase();
  if (NOT_PUBLISHERS.has(lower)) return false;
  if (known.has(lower)) return true;
  const words = name.split(' ');
  if (words.length > 4 || !words.every((w) => NAME_WORD.test(w)) || !/^\p{Lu}/u.test(name)) return false;
  if (words.length === 1 && ACRONYM.test(name)) return true;
  return PUBLISHER_WORDS.test(name);
}
