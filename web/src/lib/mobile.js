// A reactive flag for phone widths (under 768 px).
import { ref } from 'vue';

const mq = globalThis.matchMedia ? globalThis.matchMedia('(max-width: 767px)') : null;
export const isMobile = ref(mq ? mq.matches : false);
if (mq) mq.addEventListener('change', (e) => (isMobile.value = e.matches));
