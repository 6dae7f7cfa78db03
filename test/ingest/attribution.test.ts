import { describe, expect, it } from 'vitest';
import { detectAttribution } from '../../src/ingest/attribution.js';

describe('detectAttribution', () => {
  it.each([
    ["WSJ: Trump's election won't change US-Russia relations much", 'WSJ', "Trump's election won't change US-Russia relations much"],
    ['Reuters – Oil prices climb as OPEC weighs cuts', 'Reuters', 'Oil prices climb as OPEC weighs cuts'],
    ['(AP) — Storm knocks out power to thousands', 'AP', 'Storm knocks out power to thousands'],
    ['BGNES: Parliament adopts the budget at first reading', 'BGNES', 'Parliament adopts the budget at first reading'],
    ['Financial Times: Banks brace for new capital rules', 'Financial Times', 'Banks brace for new capital rules'],
    ['The Washington Post | Senate passes spending bill', 'The Washington Post', 'Senate passes spending bill'],
    ['Central bank holds rates steady - Bloomberg', 'Bloomberg', 'Central bank holds rates steady'],
    ['A.F.P.: Protests spread to second city', 'A.F.P.', 'Protests spread to second city'],
  ])('credits %s', (title, originalPublisher, cleanTitle) => {
    expect(detectAttribution(title)).toEqual({ originalPublisher, cleanTitle });
  });

  it.each([
    'Breaking: Earthquake hits coastal region',
    'Update: Road reopened after crash',
    'Opinion: Why the budget fails the young',
    'UPDATE 2: Markets fall on rate fears',
    'Live: Election night as it happened',
    'Putin: Russia is ready to talk',
    'NATO: Allies agree to boost spending',
    'Manchester United 2-1 Chelsea: Late goal settles it',
    'Why the city is running out of water: a long read',
    'Trump says tariffs will stay',
    'Biden - the man and the myth',
    'Ask the expert: Can I freeze bread?',
  ])('does not credit %s', (title) => {
    expect(detectAttribution(title)).toBeUndefined();
  });

  it('accepts extra publishers the site knows', () => {
    expect(detectAttribution('Novinite: Government resigns', { knownPublishers: ['Novinite'] })).toEqual({
      originalPublisher: 'Novinite',
      cleanTitle: 'Government resigns',
    });
  });
});
