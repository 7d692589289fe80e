// The language switch of both headers (guest and staff): a button for each language not in use, labelled
// in its own language.
import { LANGS, type Lang, translator } from '../i18n/i18n.js';

export function LangButtons({ lang, onLang }: { lang: Lang; onLang: (lang: Lang) => void }) {
  return (
    <>
      {LANGS.filter((l) => l !== lang).map((l) => (
        <button
          key={l}
          type="button"
          class="header-button"
          data-testid={`lang-${l}`}
          aria-label={translator(l)('lang.name')}
          lang={l}
          onClick={() => onLang(l)}
        >
          {translator(l)('lang.short')}
        </button>
      ))}
    </>
  );
}
