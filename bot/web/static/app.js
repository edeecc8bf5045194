// The chat page. Plain JavaScript, no third-party code beyond govuk-frontend (served locally).
// Nothing about the conversation is stored in the browser except the random conversation id,
// which lives in sessionStorage and ends with the tab. No cookies, no localStorage.
import { ExitThisPage, SkipLink, Button } from '/assets/govuk-frontend.min.js'

const SESSION_KEY = 'cpc.session'
const body = document.body
body.classList.add('js-enabled')
if ('noModule' in HTMLScriptElement.prototype) body.classList.add('govuk-frontend-supported')

const FALLBACK = {
  error_unavailable: 'Sorry, the helper cannot answer just now. Your message has not been lost: please try sending it again in a minute.',
  error_title: 'There is a problem'
}

function readInitialStrings () {
  try {
    const data = JSON.parse(document.getElementById('cpc-strings').textContent)
    return data
  } catch (e) {
    return { lang: 'en', dir: 'ltr', strings: {}, council_name: '' }
  }
}

const initial = readInitialStrings()
const state = {
  lang: initial.lang || 'en',
  dir: initial.dir || 'ltr',
  strings: initial.strings || {},
  untranslated: new Set(initial.untranslated || []),
  councilName: initial.council_name || '',
  args: initial.args || {},
  session: null,
  secret: false,
  busy: false,
  generation: 0,
  maxChars: parseInt(body.dataset.maxChars || '2000', 10)
}

function t (key) {
  return state.strings[key] || FALLBACK[key] || ''
}

// ---------------------------------------------------------------- storage (tab only)
function storedSession () {
  try { return window.sessionStorage.getItem(SESSION_KEY) } catch (e) { return null }
}
function storeSession (id) {
  try {
    if (id) window.sessionStorage.setItem(SESSION_KEY, id)
    else window.sessionStorage.removeItem(SESSION_KEY)
  } catch (e) { /* storage blocked: the id stays in memory only */ }
}
state.session = storedSession()

// ---------------------------------------------------------------- text helpers
// Fill {placeholders} in a translated string with links or values; everything else is plain text.
function fillInto (el, text, links, args) {
  el.textContent = ''
  const parts = text.split(/(\{[a-z_]+\})/)
  for (const part of parts) {
    const name = /^\{([a-z_]+)\}$/.test(part) ? part.slice(1, -1) : null
    if (name && links && links[name]) {
      const a = document.createElement('a')
      a.className = 'govuk-link cpc-nowrap'
      a.href = links[name][0]
      if (a.href.startsWith('tel:')) a.dir = 'ltr' 
      a.textContent = links[name][1]
      el.appendChild(a)
    } else if (name && args && typeof args[name] === 'string') {
      el.appendChild(document.createTextNode(args[name]))
    } else if (part) {
      el.appendChild(document.createTextNode(part))
    }
  }
}

const URL_RE = /https?:\/\/[^\s<>"']+/
const PHONE_RE = /(?<![\d])(?:999|116 ?\d{3}|0\d{2,4}(?: ?\d{3,4}){1,2})(?![\d])/
const LINK_RE = new RegExp(`(${URL_RE.source})|(${PHONE_RE.source})`, 'g')

// Plain text with web addresses and phone numbers made into links (never innerHTML).
function appendLinkified (parent, text) {
  let last = 0
  for (const match of text.matchAll(LINK_RE)) {
    let value = match[0]
    let index = match.index
    if (match[1]) {
      const trailing = value.match(/[.,;:!?)\]]+$/)
      if (trailing) value = value.slice(0, -trailing[0].length)
    }
    if (index > last) parent.appendChild(document.createTextNode(text.slice(last, index)))
    const a = document.createElement('a')
    a.className = 'govuk-link'
    if (match[1]) {
      a.href = value
      a.target = '_blank'
      a.rel = 'noopener noreferrer'
      a.textContent = value
      const hidden = document.createElement('span')
      hidden.className = 'govuk-visually-hidden'
      hidden.dataset.i18n = 'opens_new_tab'
      hidden.textContent = ' ' + t('opens_new_tab')
      a.appendChild(hidden)
    } else {
      a.href = 'tel:' + value.replace(/[^0-9+]/g, '')
      a.className += ' cpc-nowrap'
      a.dir = 'ltr'
      a.textContent = value
    }
    parent.appendChild(a)
    last = index + value.length
  }
  if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)))
}

function appendParagraphs (parent, text, linkify) {
  const paragraphs = String(text).split(/\n{2,}/)
  for (const para of paragraphs) {
    if (!para.trim()) continue
    const p = document.createElement('p')
    p.className = 'govuk-body cpc-msg__text'
    if (linkify) appendLinkified(p, para)
    else p.textContent = para
    parent.appendChild(p)
  }
}

// ---------------------------------------------------------------- page strings and language
function shippedLanguages () {
  return Array.from(document.querySelectorAll('#language-select a[data-lang]')).map((a) => a.dataset.lang)
}

function applyStrings () {
  for (const el of document.querySelectorAll('[data-i18n]')) {
    const text = t(el.dataset.i18n)
    if (!text) continue
    // A text not translated yet is marked as English, so it is read and laid out as English.
    if (state.untranslated.has(el.dataset.i18n)) {
      el.lang = 'en'
      el.dir = 'ltr'
      el.dataset.i18nFallback = ''
    } else if ('i18nFallback' in el.dataset) {
      el.removeAttribute('lang')
      el.removeAttribute('dir')
      delete el.dataset.i18nFallback
    }
    if (el.dataset.i18n === 'opens_new_tab') { el.textContent = ' ' + text; continue }
    if (el.dataset.i18nLinks || 'i18nArgs' in el.dataset) {
      let links = null
      try { links = JSON.parse(el.dataset.i18nLinks || 'null') } catch (e) { links = null }
      fillInto(el, text, links, state.args)
    } else {
      el.textContent = text
    }
  }
  for (const el of document.querySelectorAll('[data-i18n-aria-label]')) {
    const text = t(el.dataset.i18nAriaLabel)
    if (text) el.setAttribute('aria-label', text)
  }
  for (const el of document.querySelectorAll('[data-lang-href]')) {
    el.href = el.dataset.langHref + (state.lang === 'en' ? '' : '?lang=' + state.lang)
  }
  for (const el of document.querySelectorAll('[data-follow-lang]')) {
    el.lang = state.lang
    el.dir = state.dir
  }
  if (document.getElementById('council-name') && document.getElementById('council-name').dataset.i18n) {
    state.councilName = t('your_council')
  }
  const title = body.dataset.page === 'privacy' ? t('privacy_title') : t('service_name')
  if (title) document.title = `${title} – ${state.councilName}`
  updateSecretToggle()
  if (exitThisPage) exitThisPage.setTranslations()
}

async function setLanguage (code) {
  const response = await fetch('/api/strings?lang=' + encodeURIComponent(code), { cache: 'no-store' })
  if (!response.ok) throw new Error('strings ' + response.status)
  const data = await response.json()
  state.lang = data.lang
  state.dir = data.dir
  state.strings = data.strings
  state.untranslated = new Set(data.untranslated || [])
  if (data.council_name) state.councilName = data.council_name
  if (data.args) state.args = data.args
  document.documentElement.lang = state.lang
  document.documentElement.dir = state.dir
  body.dataset.lang = state.lang
  for (const link of document.querySelectorAll('.cpc-language-select__link')) {
    if (link.dataset.lang === state.lang) link.setAttribute('aria-current', 'true')
    else link.removeAttribute('aria-current')
  }
  applyStrings()
  try {
    const url = new URL(window.location.href)
    if (state.lang === 'en') url.searchParams.delete('lang')
    else url.searchParams.set('lang', state.lang)
    window.history.replaceState(null, '', url.pathname + url.search)
  } catch (e) { /* not important */ }
}

// ---------------------------------------------------------------- Exit this page
let exitThisPage = null

// Tell the server to delete the conversation and forget everything the page holds.
function wipe ({ beacon }) {
  const session = state.session || storedSession()
  if (session) {
    const payload = JSON.stringify({ session })
    let sent = false
    if (beacon && navigator.sendBeacon) {
      try {
        sent = navigator.sendBeacon('/api/end', new Blob([payload], { type: 'text/plain;charset=UTF-8' }))
      } catch (e) { sent = false }
    }
    if (!sent) {
      fetch('/api/end', {
        method: 'POST',
        body: payload,
        keepalive: true,
        headers: { 'Content-Type': 'application/json' }
      }).catch(() => {})
    }
  }
  state.session = null
  state.generation += 1 // replies still on their way belong to the ended conversation
  storeSession(null)
  if (chat) chat.reset()
}

class CpcExitThisPage extends ExitThisPage {
  setTranslations () {
    if (!this.i18n) return
    this.i18n.translations = {
      activated: t('exit_activated') || 'Loading.',
      timedOut: t('exit_timed_out') || 'Exit this page expired.',
      pressTwoMoreTimes: t('exit_press_two') || 'Shift, press 2 more times to exit.',
      pressOneMoreTime: t('exit_press_one') || 'Shift, press 1 more time to exit.'
    }
  }

  exitPage () {
    wipe({ beacon: true })
    if (window.top !== window.self) {
      // Embedded in a council page: leave the whole page, not just the frame.
      try { window.top.location.href = this.$button.href } catch (e) { /* blocked: leave the frame */ }
    }
    super.exitPage()
  }
}

// ---------------------------------------------------------------- the chat
function createChat () {
  const root = document.getElementById('chat')
  if (!root) return null
  const transcript = document.getElementById('transcript')
  const form = document.getElementById('composer')
  const textarea = document.getElementById('message')
  const messageGroup = document.getElementById('message-group')
  const messageError = document.getElementById('message-error')
  const secretGroup = document.getElementById('secret-group')
  const secretInput = document.getElementById('secret')
  const secretError = document.getElementById('secret-error')
  const secretCancel = document.getElementById('secret-cancel')
  const secretToggle = document.getElementById('secret-toggle')
  const secretStatus = document.getElementById('secret-status')
  const sendButton = document.getElementById('send')
  const typing = document.getElementById('typing')
  const typingText = typing.querySelector('.cpc-typing__text')
  const errorSummary = document.getElementById('error-summary')
  const errorText = document.getElementById('error-text')
  const quickRegion = document.getElementById('quick-replies-region')
  const quickList = document.getElementById('quick-replies')
  const clearButton = document.getElementById('clear')
  const toolsStatus = document.getElementById('tools-status')

  const welcome = transcript.querySelector('.cpc-msg--welcome')
  welcome.dataset.followLang = ''
  const starters = Array.from(quickList.children).map((li) => li.cloneNode(true))
  quickList.dataset.followLang = ''

  root.hidden = false

  // ---- messages
  function addMessage (who, { text, lang, dir, secret }) {
    const msg = document.createElement('div')
    msg.className = `cpc-msg cpc-msg--${who}` + (secret ? ' cpc-msg--secret' : '')
    msg.lang = lang || state.lang
    msg.dir = dir || state.dir
    const label = document.createElement('span')
    label.className = 'govuk-visually-hidden'
    label.dataset.i18n = who === 'user' ? 'you_said' : 'helper_said'
    label.textContent = t(label.dataset.i18n) + ' '
    msg.appendChild(label)
    appendParagraphs(msg, text, who === 'bot')
    transcript.appendChild(msg)
    msg.scrollIntoView({ block: 'nearest' })
    return msg
  }

  function addEnglish (msg, english) {
    const details = document.createElement('details')
    details.className = 'govuk-details cpc-english'
    const summary = document.createElement('summary')
    summary.className = 'govuk-details__summary'
    const summaryText = document.createElement('span')
    summaryText.className = 'govuk-details__summary-text'
    summaryText.dataset.i18n = 'english_original'
    summaryText.textContent = t('english_original') || 'English'
    summary.appendChild(summaryText)
    const content = document.createElement('div')
    content.className = 'govuk-details__text'
    content.lang = 'en'
    content.dir = 'ltr'
    appendParagraphs(content, english, true)
    details.append(summary, content)
    msg.appendChild(details)
  }

  function applyCustom (msg, custom) {
    if (!custom || typeof custom !== 'object') return false
    if (msg) {
      if (typeof custom.lang === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(custom.lang)) msg.lang = custom.lang
      if (custom.dir === 'rtl' || custom.dir === 'ltr') msg.dir = custom.dir
      if (typeof custom.english === 'string' && custom.english.trim()) addEnglish(msg, custom.english)
    }
    return custom.input === 'secret'
  }

  // ---- quick replies
  function setQuickReplies (buttons, lang, dir) {
    quickList.textContent = ''
    delete quickList.dataset.followLang
    quickList.lang = lang || state.lang
    quickList.dir = dir || state.dir
    for (const b of buttons) {
      if (!b || typeof b.title !== 'string' || typeof b.payload !== 'string') continue
      const li = document.createElement('li')
      const button = document.createElement('button')
      button.type = 'button'
      button.className = 'govuk-button govuk-button--secondary cpc-quick-reply'
      button.dataset.payload = b.payload
      button.textContent = b.title
      li.appendChild(button)
      quickList.appendChild(li)
    }
    quickRegion.hidden = quickList.children.length === 0
  }

  function restoreStarters () {
    quickList.textContent = ''
    for (const li of starters) quickList.appendChild(li.cloneNode(true))
    quickList.dataset.followLang = ''
    quickList.lang = state.lang
    quickList.dir = state.dir
    quickRegion.hidden = false
    applyStrings()
  }

  function renderReplies (replies) {
    let lastMsg = null
    let lastButtons = null
    let secret = false
    let replyLang = null
    for (const reply of replies) {
      if (!reply || typeof reply !== 'object') continue
      const hasText = typeof reply.text === 'string' && reply.text.trim() !== ''
      if (hasText) {
        lastMsg = addMessage('bot', { text: reply.text })
      }
      if (Array.isArray(reply.buttons) && reply.buttons.length) {
        lastButtons = { buttons: reply.buttons, msg: lastMsg }
      }
      if (reply.custom) {
        secret = applyCustom(lastMsg, reply.custom) || secret
        if (typeof reply.custom.lang === 'string') replyLang = reply.custom.lang
      }
    }
    if (lastButtons) {
      const msg = lastButtons.msg
      setQuickReplies(lastButtons.buttons, msg ? msg.lang : state.lang, msg ? msg.dir : state.dir)
    } else {
      setQuickReplies([], state.lang, state.dir)
    }
    // The assistant changed the conversation's language (its language menu, or the user wrote in
    // another language): the page follows, so the next messages carry the same language.
    if (replyLang && replyLang !== state.lang && shippedLanguages().includes(replyLang)) {
      setLanguage(replyLang).catch(() => {})
    }
    const wasSecret = state.secret
    setSecretMode(secret)
    if (wasSecret && !secret && (document.activeElement === document.body || secretGroup.contains(document.activeElement))) {
      textarea.focus()
    }
  }

  // ---- errors
  function showError (text, { field } = {}) {
    errorText.textContent = text
    errorSummary.hidden = false
    const group = state.secret ? secretGroup : messageGroup
    const inline = state.secret ? secretError : messageError
    if (field) {
      group.classList.add('govuk-form-group--error')
      inline.textContent = text
      inline.hidden = false
    }
  }

  function clearError () {
    errorSummary.hidden = true
    errorText.textContent = ''
    for (const group of [messageGroup, secretGroup]) group.classList.remove('govuk-form-group--error')
    for (const inline of [messageError, secretError]) { inline.hidden = true; inline.textContent = '' }
  }

  // ---- typing indicator
  function setTyping (on) {
    typingText.textContent = ''
    const dots = typing.querySelector('.cpc-typing__dots')
    if (dots) dots.remove()
    typingText.hidden = !on
    if (on) {
      typingText.textContent = t('typing')
      const d = document.createElement('span')
      d.className = 'cpc-typing__dots'
      d.setAttribute('aria-hidden', 'true')
      d.append(document.createElement('span'), document.createElement('span'), document.createElement('span'))
      typing.appendChild(d)
    }
    transcript.setAttribute('aria-busy', on ? 'true' : 'false')
  }

  // ---- the masked access-code field
  function setSecretMode (on) {
    state.secret = on
    secretGroup.hidden = !on
    secretCancel.hidden = !on
    messageGroup.hidden = on
    secretInput.type = 'password'
    updateSecretToggle()
    if (on) {
      secretInput.value = ''
      secretInput.focus()
    } else {
      secretInput.value = ''
    }
  }

  secretToggle.addEventListener('click', () => {
    const show = secretInput.type === 'password'
    secretInput.type = show ? 'text' : 'password'
    updateSecretToggle()
    secretStatus.textContent = t(show ? 'secret_shown_announcement' : 'secret_hidden_announcement')
  })

  secretCancel.addEventListener('click', () => {
    setSecretMode(false)
    clearError()
    textarea.focus()
  })

  // ---- sending
  async function ensureSession () {
    if (state.session) return state.session
    const response = await fetch('/api/session', { method: 'POST', cache: 'no-store' })
    if (!response.ok) throw new Error('session ' + response.status)
    const data = await response.json()
    state.session = data.session
    storeSession(state.session)
    return state.session
  }

  async function post (text) {
    const session = await ensureSession()
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), 25000)
    try {
      return await fetch('/api/message?lang=' + encodeURIComponent(state.lang), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ session, text, language: state.lang }),
        cache: 'no-store',
        signal: controller.signal
      })
    } finally {
      clearTimeout(timer)
    }
  }

  async function send (text, { display, fromButton } = {}) {
    if (state.busy) return
    const secret = state.secret && !fromButton
    const field = secret ? secretInput : textarea
    clearError()
    if (!text.trim()) {
      showError(t('error_empty'), { field: true })
      field.focus()
      return
    }
    if (text.trim().length > state.maxChars) {
      showError(t('error_too_long').replace('{max}', state.maxChars.toLocaleString(state.lang)), { field: true })
      field.focus()
      return
    }
    state.busy = true
    sendButton.setAttribute('aria-disabled', 'true')
    const typed = fromButton ? null : text
    if (!fromButton) field.value = ''
    const bubble = addMessage('user', {
      text: secret ? t('secret_sent') : (display || text),
      secret
    })
    setTyping(true)
    let restore = true
    const generation = state.generation
    try {
      let response = await post(text)
      if (generation !== state.generation) { restore = false; return }
      if (response.status === 403) {
        const data = await response.clone().json().catch(() => ({}))
        if (data.code === 'unknown_session') {
          state.session = null
          storeSession(null)
          response = await post(text)
        }
      }
      if (generation !== state.generation) { restore = false; return }
      if (response.ok) {
        const replies = await response.json()
        const answered = Array.isArray(replies) && replies.some((r) => r && typeof r.text === 'string' && r.text.trim())
        if (answered) {
          restore = false
          renderReplies(replies)
        } else {
          // Rasa took the message but said nothing (for example while its model is loading).
          showError(t('error_no_reply'))
        }
      } else {
        const data = await response.json().catch(() => ({}))
        const fieldError = response.status === 400 || response.status === 413
        showError(data.error || t(fieldError ? 'error_bad_request' : 'error_unavailable'), { field: fieldError })
      }
    } catch (e) {
      if (generation === state.generation) showError(t('error_unavailable'))
      else restore = false
    } finally {
      setTyping(false)
      state.busy = false
      sendButton.removeAttribute('aria-disabled')
      if (restore) {
        bubble.remove()
        if (typed !== null && !field.value) field.value = typed
      }
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    if (state.secret) send(secretInput.value)
    else send(textarea.value)
  })

  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey && !event.isComposing) {
      event.preventDefault()
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event('submit', { cancelable: true }))
    }
  })

  quickList.addEventListener('click', (event) => {
    const button = event.target.closest('button.cpc-quick-reply')
    if (!button || state.busy) return
    const payload = button.dataset.payload
    const title = button.textContent
    if (state.secret) setSecretMode(false)
    send(payload, { display: title, fromButton: true }).then(() => {
      if (!state.secret) textarea.focus()
    })
  })

  function reset () {
    for (const msg of Array.from(transcript.children)) {
      if (msg !== welcome) msg.remove()
    }
    textarea.value = ''
    setSecretMode(false)
    clearError()
    setTyping(false)
    restoreStarters()
  }

  clearButton.addEventListener('click', () => {
    wipe({ beacon: false })
    toolsStatus.textContent = ''
    window.setTimeout(() => { toolsStatus.textContent = t('cleared') }, 50)
    textarea.focus()
  })

  return { reset, send }
}

function updateSecretToggle () {
  const toggle = document.getElementById('secret-toggle')
  const input = document.getElementById('secret')
  if (!toggle || !input) return
  const shown = input.type === 'text'
  toggle.textContent = t(shown ? 'secret_hide' : 'secret_show')
  toggle.setAttribute('aria-label', t(shown ? 'secret_hide_full' : 'secret_show_full'))
}

// ---------------------------------------------------------------- start
const chat = createChat()

for (const el of document.querySelectorAll('[data-module="govuk-skip-link"]')) new SkipLink(el)
for (const el of document.querySelectorAll('[data-module="govuk-button"]')) new Button(el)
const exitRoot = document.querySelector('[data-module="govuk-exit-this-page"]')
if (exitRoot) {
  exitThisPage = new CpcExitThisPage(exitRoot)
  exitThisPage.setTranslations()
}

if (chat) {
  // A conversation id left from before a reload or a visit elsewhere: its transcript is gone from
  // the screen, so end it rather than let anyone carry on a conversation they cannot see.
  if (state.session) wipe({ beacon: false })

  // Change language without reloading, so the conversation stays on the screen.
  document.getElementById('language-select').addEventListener('click', (event) => {
    const link = event.target.closest('a[data-lang]')
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    setLanguage(link.dataset.lang).then(() => link.focus()).catch(() => { window.location.href = link.href })
  })
}

applyStrings()
window.cpcReady = true
