import { Layout } from './layout.js';
import type { SiteChrome } from './site-chrome.js';

const texts: Record<number, { title: string; body: string }> = {
  400: { title: 'Bad request', body: 'The address or form had something we could not read.' },
  403: { title: 'Not allowed', body: 'You do not have permission to see this page.' },
  404: { title: 'Page not found', body: 'We could not find that page. It may have moved, or the address may be mistyped.' },
  409: { title: 'Conflict', body: 'That change conflicts with the current state.' },
  410: { title: 'This article has been removed', body: 'The article that was here is no longer available.' },
  500: { title: 'Something went wrong', body: 'The error has been logged. Please try again in a moment.' },
  503: { title: 'Temporarily unavailable', body: 'The site is having trouble reaching its database. Please try again in a moment.' },
};

export function ErrorPage(props: { chrome: SiteChrome; status: number; message?: string }) {
  const text = texts[props.status] ?? texts[500];
  return (
    <Layout chrome={props.chrome} meta={{ title: text.title, robots: 'noindex' }}>
      <section class="error-page">
        <p class="error-code">{props.status}</p>
        <h1>{text.title}</h1>
        <p>{props.message ?? text.body}</p>
        <p>
          <a href="/">Go to the front page</a>
        </p>
      </section>
    </Layout>
  );
}
