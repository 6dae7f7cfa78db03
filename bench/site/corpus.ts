/**
 * Deterministic fake news content for the site benchmark: a seeded PRNG and a word list make
 * titles, 600–900-word Markdown bodies (headings, paragraphs, a blockquote, a list) and tags,
 * the same on every run.
 */

export { seededRandom as prng } from '../../src/shared/random.js';

export type Random = () => number;

export const between = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/** `count` distinct items, in pick order. */
export function pickDistinct<T>(random: Random, items: readonly T[], count: number): T[] {
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, items.length)) chosen.add(pick(random, items));
  return [...chosen];
}

const words = `the of and to in a that for on with as was said by at from his its an be have has
are were it not but this after they their which will more who been year would about also two
new government minister president city council country people state first police report told
last week month officials statement plans company market prices percent billion million
agreement talks election vote party leaders court ruling law public health hospital workers
union strike school students university research scientists study data climate energy power
gas oil water river coast storm rain flood season team match league coach players final goal
win season record national local regional international border trade exports imports bank
rates inflation growth jobs budget tax spending debt investors shares profit quarter results
according spokesperson analysts expected during before while since under over between against
later earlier morning evening night day several many most some other another each every both
only still already again however because although though despite whether until across around
across through toward near inside outside early late major small large long short high low
higher lower new old young senior former current future recent final public private foreign
domestic economic political social cultural military legal financial technical medical
announced confirmed denied warned described called added noted asked answered agreed rejected
approved proposed launched opened closed raised cut increased reduced reached signed met
visited returned arrived left began ended continued remained became showed found made took
gave brought kept held set put moved turned worked played helped needed wanted planned hoped
village region province capital district port airport railway bridge road highway station
museum library theatre festival exhibition concert film book novel author artist director
farmers fishermen drivers nurses doctors teachers judges lawyers soldiers volunteers residents
families children voters customers passengers tourists visitors fans critics experts sources`
  .split(/\s+/)
  .filter(Boolean);

const places = [
  'Sofia', 'Plovdiv', 'Varna', 'Athens', 'Bucharest', 'Belgrade', 'Vienna', 'Berlin', 'Paris', 'Madrid', 'Lisbon', 'Rome', 'Warsaw',
  'Prague', 'Budapest', 'Brussels', 'Amsterdam', 'Stockholm', 'Oslo', 'Helsinki', 'Dublin', 'London', 'Tokyo', 'Seoul', 'Delhi',
  'Jakarta', 'Manila', 'Hanoi', 'Sydney', 'Nairobi', 'Lagos', 'Cairo', 'Ankara', 'Toronto', 'Chicago', 'Mexico City', 'Bogotá',
  'Lima', 'Santiago', 'São Paulo', 'Buenos Aires', 'Montevideo', 'Quito', 'Havana', 'Reykjavik', 'Tallinn', 'Riga', 'Vilnius',
  'Zagreb', 'Ljubljana', 'Skopje', 'Tirana', 'Sarajevo', 'Podgorica', 'Chisinau', 'Kyiv', 'Tbilisi', 'Yerevan', 'Baku', 'Astana',
  'Tashkent', 'Ulaanbaatar', 'Taipei', 'Singapore', 'Kuala Lumpur', 'Bangkok', 'Dhaka', 'Colombo', 'Karachi', 'Doha', 'Muscat',
  'Amman', 'Beirut', 'Tunis', 'Rabat',
];

const topics = [
  'Elections', 'Parliament', 'Budget', 'Inflation', 'Interest Rates', 'Energy', 'Gas Prices', 'Renewables', 'Nuclear Power',
  'Climate Change', 'Floods', 'Wildfires', 'Drought', 'Agriculture', 'Fisheries', 'Tourism', 'Aviation', 'Railways', 'Shipping',
  'Housing', 'Healthcare', 'Vaccines', 'Education', 'Universities', 'Science Policy', 'Space', 'Astronomy', 'Archaeology',
  'Artificial Intelligence', 'Cybersecurity', 'Telecoms', 'Startups', 'Banking', 'Stock Markets', 'Trade', 'Tariffs', 'Labour',
  'Strikes', 'Pensions', 'Taxes', 'Corruption', 'Courts', 'Human Rights', 'Migration', 'Defence', 'NATO', 'European Union',
  'United Nations', 'Diplomacy', 'Sanctions', 'Football', 'Basketball', 'Tennis', 'Athletics', 'Cycling', 'Olympics', 'Formula One',
  'Film', 'Music', 'Literature', 'Theatre', 'Museums', 'Festivals', 'Architecture', 'Fashion', 'Food', 'Wine', 'Weather',
  'Transport', 'Water', 'Forests', 'Wildlife', 'Oceans', 'Public Health', 'Local Government',
];

/** 150 tag names: 75 places and 75 topics. */
export const tagPool: readonly string[] = [...places.slice(0, 75), ...topics.slice(0, 75)];

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function sentence(random: Random, min = 8, max = 22): string {
  const n = between(random, min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    // Now and then a place name, a number or a comma, as in agency copy.
    const roll = random();
    if (roll < 0.04) out.push(pick(random, places));
    else if (roll < 0.06) out.push(String(between(random, 2, 980)));
    else out.push(pick(random, words));
    if (i > 2 && i < n - 2 && random() < 0.06) out[out.length - 1] += ',';
  }
  return `${capitalize(out.join(' '))}.`;
}

const wordCount = (text: string) => text.split(/\s+/).filter((w) => /\w/.test(w)).length;

function paragraph(random: Random): string {
  const sentences: string[] = [];
  const n = between(random, 3, 6);
  for (let i = 0; i < n; i++) sentences.push(sentence(random));
  return sentences.join(' ');
}

/** A headline: 6–11 words, the first capitalised, sometimes with a place. */
export function headline(random: Random): string {
  const n = between(random, 6, 11);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(i === 2 && random() < 0.5 ? pick(random, places) : pick(random, words));
  return capitalize(out.join(' '));
}

/**
 * A Markdown body of `target` words (± one paragraph): an introduction, two or three `##`
 * sections, a blockquote, a bulleted list and the odd bold phrase or link.
 */
export function markdownBody(random: Random, target: number): string {
  const blocks: string[] = [paragraph(random), paragraph(random)];
  let written = blocks.reduce((n, b) => n + wordCount(b), 0);
  const quoteAt = between(random, 3, 5);
  const listAt = between(random, 6, 9);
  let headings = 0;
  while (written < target) {
    let block: string;
    if (blocks.length === quoteAt) {
      block = `> ${sentence(random, 12, 24)} ${sentence(random, 8, 16)}`;
    } else if (blocks.length === listAt) {
      const items: string[] = [];
      for (let i = between(random, 3, 5); i > 0; i--) items.push(`- ${sentence(random, 5, 12)}`);
      block = items.join('\n');
    } else if (headings < 3 && blocks.length % 4 === 2) {
      headings++;
      block = `## ${capitalize(Array.from({ length: between(random, 2, 5) }, () => pick(random, words)).join(' '))}`;
    } else {
      block = paragraph(random);
      if (random() < 0.25) block = block.replace(/ (\w+ \w+) /, ' **$1** ');
      if (random() < 0.15) block = block.replace(/ (\w+) /, ` [$1](https://example.org/${between(random, 100, 999)}) `);
    }
    blocks.push(block);
    written += wordCount(block);
  }
  return blocks.join('\n\n');
}
