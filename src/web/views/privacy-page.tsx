import type { ComponentChildren } from 'preact';
import { Layout } from './layout.js';
import type { SiteChrome } from './site-chrome.js';

/** Blocks of plain text: a line starting `## ` is a heading, lines starting `- ` make a list, the rest are paragraphs. */
function Blocks(props: { text: string }): ComponentChildren {
  const out: ComponentChildren[] = [];
  for (const block of props.text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = block.split('\n').map((l) => l.trim()).filter(Boolean);
    while (lines[0]?.startsWith('## ')) out.push(<h2>{(lines.shift() as string).slice(3)}</h2>);
    if (lines.length === 0) continue;
    if (lines.every((l) => l.startsWith('- '))) {
      out.push(
        <ul>
          {lines.map((l) => (
            <li>{l.slice(2)}</li>
          ))}
        </ul>,
      );
    } else {
      out.push(<p>{lines.join(' ')}</p>);
    }
  }
  return out;
}

/** /privacy: the text comes from the comment settings, with their real numbers filled in. */
export function PrivacyPage(props: { chrome: SiteChrome; text: string }) {
  return (
    <Layout chrome={props.chrome} meta={{ title: 'Privacy', description: 'How comment data is processed on this site.', canonical: `${props.chrome.baseUrl}/privacy` }}>
      <article class="privacy story" aria-labelledby="privacy-title">
        <h1 id="privacy-title">How your comment data is processed</h1>
        <Blocks text={props.text} />
      </article>
    </Layout>
  );
}
