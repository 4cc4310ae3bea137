// A small i18n: the Chinese text is the key; English comes from the table
// below.  Data from the server (names, units, messages) stays as it is.
import { ref } from 'vue';
import { en } from './en.js';

const KEY = 'dj_locale';
function initial() {
  try {
    return globalThis.localStorage?.getItem(KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export const locale = ref(initial());

export function setLocale(l) {
  locale.value = l === 'en' ? 'en' : 'zh';
  try {
    globalThis.localStorage?.setItem(KEY, locale.value);
  } catch {
    /* private mode */
  }
  if (globalThis.document) document.documentElement.lang = locale.value === 'en' ? 'en' : 'zh-CN';
}

/** t('人员名册') → '人员名册' or 'People'; {n} placeholders from vars. */
export function t(zh, vars) {
  let s = locale.value === 'en' ? (en[zh] ?? zh) : zh;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  return s;
}
