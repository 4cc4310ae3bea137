// Matching names the way clerks type: the text itself, or 拼音首字母 / 全拼
// ("jgdy" and "diyi" find 机关第一党支部).  pinyin-pro is loaded on first use,
// so its dictionary stays out of the initial bundle; until it has loaded, a
// pinyin query matches by letters only.
import { shallowRef } from 'vue';

// reactive, so that a computed filter runs again once the dictionary arrives
const matchPinyin = shallowRef(null);
let loading = null;

export function loadPinyin() {
  loading ??= import('pinyin-pro').then((m) => { matchPinyin.value = m.match; });
  return loading;
}

/** True when q finds text: a plain substring (case-insensitive), or, for a
 *  query of letters only, the pinyin of a run of text's characters. */
export function nameMatches(text, q) {
  const needle = (q ?? '').trim().toLowerCase();
  if (!needle) return true;
  const hay = String(text ?? '');
  if (hay.toLowerCase().includes(needle)) return true;
  if (!/^[a-z]+$/.test(needle)) return false;
  if (!matchPinyin.value) {
    loadPinyin();
    return false;
  }
  return !!matchPinyin.value(hay, needle, { continuous: true });
}
