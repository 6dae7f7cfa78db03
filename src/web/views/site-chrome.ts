import type { Section, SiteSettings } from '../../content/index.js';

/** What every public page needs around its content: the site, its sections and assets. */
export interface SiteChrome {
  settings: SiteSettings;
  baseUrl: string;
  sections: Section[];
  stylesheetHref: string;
}
