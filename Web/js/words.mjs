// The pages' words, French first, English available. Elements carry data-t="key" (text),
// data-t-label="key" (aria-label) or data-t-placeholder="key"; code asks t("key", ...values).

const WORDS = {
  fr: {
    title: "Guichet des passes numériques",
    signInIntro: "Collez votre clé : celle de l'association partenaire (pnk_…), du bureau qui remet les carnets (pno_…) ou la clé d'administration (pna_…). Elle n'est pas gardée dans ce navigateur : une session est ouverte (12 heures ; 2 heures pour l'administration).",
    keyLabel: "Votre clé",
    signIn: "Se connecter",
    signingIn: "Connexion…",
    signOut: "Se déconnecter",
    signedOut: "Vous êtes déconnecté.",
    sessionExpired: "Votre session a expiré : reconnectez-vous avec votre clé.",
    keyRefused: "Cette clé n'est ni celle d'un partenaire ou d'un bureau actif, ni la clé d'administration.",
    unreachable: "Le service ne répond pas. Réessayez quand le réseau revient.",
    language: "English",
    scanLabel: "Scannez un pass (douchette ou caméra)",
    scanHelp: "Le champ garde la main : la douchette peut scanner à tout moment.",
    camera: "Caméra",
    cameraStop: "Arrêter la caméra",
    cameraRefused: "La caméra n'est pas disponible : {0}",
    lookupLabel: "Numéro imprimé du pass (consultation seulement)",
    lookup: "Consulter",
    accepted: "ACCEPTÉ",
    refused: "REFUSÉ",
    acceptedOffline: "ACCEPTÉ (hors ligne)",
    next: "Scannez le pass suivant",
    tally: "Aujourd'hui : {0} pass, {1}",
    tallyOne: "Aujourd'hui : {0} pass, {1}",
    online: "En ligne",
    offline: "Hors ligne",
    replicaAge: "Copie hors ligne : mise à jour il y a {0}",
    replicaNever: "Pas encore de copie hors ligne : la connexion au service est nécessaire.",
    replicaStale: "Attention : la copie hors ligne date de {0}. Reconnectez-vous au réseau dès que possible.",
    replicaTooOld: "copie hors ligne trop ancienne ({0}) : reconnectez le réseau pour continuer",
    journalPending: "{0} pass accepté(s) hors ligne, à envoyer au service",
    sync: "Envoyer maintenant",
    syncAccepted: "{0} : accepté ({1})",
    syncConflict: "{0} : CONFLIT — scanné ici le {1} ; {2}",
    myView: "Mon relevé",
    counter: "Guichet",
    unreadable: "code illisible : scannez à nouveau",
    alreadySpent: "déjà utilisé le {0}",
    alreadySpentByYou: "déjà utilisé ici le {0}",
    alreadyInJournal: "déjà accepté ici hors ligne",
    spentInReplica: "déjà utilisé (copie hors ligne)",
    revoked: "pass annulé (carnet perdu ou volé)",
    noReplica: "le service ne répond pas et ce navigateur n'a pas de copie hors ligne",
    notRecorded: "non enregistré : {0}",
    malformed: "ce n'est pas un pass valide (code mal lu ou abîmé)",
    unsupported_version: "format de pass non pris en charge par cette version",
    unknown_key: "clé inconnue : pass non émis par un organisme reconnu",
    key_revoked: "la clé d'émission a été révoquée",
    key_not_valid: "la clé d'émission n'est pas valable à cette date",
    bad_signature: "signature invalide — pass falsifié ?",
    expired: "pass expiré",
    scanned_in_future: "l'heure de scan est en avance sur le service : vérifiez l'horloge de l'appareil",
    scanned_too_long_ago: "l'heure de scan date de plus d'un an : vérifiez l'horloge de l'appareil",
    not_distributed: "carnet pas encore remis par un bureau : ce pass ne peut pas être utilisé",
    otherFirst: "un autre partenaire l'a utilisé d'abord, le {0}",
    lookupUnspent: "{0} : pas encore utilisé",
    lookupSpent: "{0} : utilisé le {1}",
    lookupRevoked: "{0} : annulé ({1})",
    lookupNoKey: "{0} : aucune clé de cette série dans la liste de confiance",
    lookupOffline: "La consultation demande le réseau.",
    statementTitle: "Mon relevé",
    month: "Mois",
    show: "Afficher",
    downloadCSV: "Télécharger (CSV)",
    downloadPDF: "Télécharger (PDF)",
    passColumn: "Pass",
    whenColumn: "Utilisé le",
    valueColumn: "Valeur",
    receiptColumn: "Reçu",
    helpColumn: "Aide apportée",
    total: "Total : {0} pass, {1}",
    conflictsTitle: "Conflits (non remboursés)",
    noConflicts: "Aucun conflit ce mois-ci.",
    conflictLine: "{0} : scanné ici le {1} ; {2}",
    noPass: "Aucun pass ce mois-ci.",
    receiptsTitle: "Mes reçus",
    receiptsHint: "Chaque pass accepté ici a un reçu signé par le service, gardé dans ce navigateur. Le fichier des reçus prouve vos passages même si le service n'existe plus : gardez-le, ou donnez-le à l'auditeur du programme.",
    downloadReceipts: "Télécharger mes reçus",
    receiptsSaved: "{0} reçu(s) dans le fichier {1}.",
    noReceipts: "Aucun reçu dans ce navigateur.",
    hours: "{0} h",
    minutes: "{0} min",
    pageFor_partner: "Cette page est celle des associations partenaires.",
    pageFor_office: "Cette page est celle des bureaux qui remettent les carnets.",
    pageFor_admin: "Cette page est celle de l'administration du programme.",
    signedInAs_partner: "Vous êtes connecté comme partenaire :",
    signedInAs_office: "Vous êtes connecté comme bureau :",
    signedInAs_admin: "Vous êtes connecté avec la clé d'administration.",
    goTo_partner: "Aller au guichet",
    goTo_office: "Aller à la remise des carnets",
    goTo_admin: "Aller au tableau de bord",
    adminName: "Administration du programme",
    otherKeyHint: "Pour ouvrir cette page, déconnectez-vous puis connectez-vous avec la clé qui convient.",
    handoutTitle: "Remise des carnets",
    stubLabel: "Scannez le code du talon du carnet (douchette ou caméra)",
    noPersonalData: "Rien n'est demandé ni enregistré sur la personne qui reçoit le carnet : seulement le carnet, ce bureau et l'heure.",
    handedOut: "REMIS",
    handedOutDetail: "Carnet de {0} pass, remis le {1}",
    alreadyHandedOut: "DÉJÀ REMIS",
    alreadyHandedOutDetail: "Déjà remis le {0} par {1}. Rien n'a changé.",
    cancelledCarnet: "CARNET ANNULÉ",
    cancelledDetail: "Ne le remettez pas : ce carnet a été annulé (perdu ou volé).",
    notRecordedWord: "NON ENREGISTRÉ",
    handoutOffline: "Le service ne répond pas : gardez ce carnet de côté et scannez-le quand le réseau revient.",
    stubUnreadable: "Code illisible : scannez le code du talon du carnet.",
    stubIsPass: "C'est un pass, pas le talon : scannez le code du talon du carnet.",
    carnetNumber: "Carnet {0}",
    nextStub: "Scannez le talon suivant",
    handoutsToday: "Aujourd'hui : {0} carnet(s) remis ici",
    recent_accepted: "{0} : remis le {1}",
    recent_warning: "{0} : déjà remis le {1}",
    recent_refused: "{0} : {1}",
    helpQuestion: "Aide apportée (facultatif) :",
    // The kinds of help in words: the same as the report's and the dashboard's (Swift's
    // ReportWords.helpKindWords; HelpKindWordsTests holds the two lists equal).
    help_mailbox: "Boîte mail",
    help_cv: "CV",
    help_online_forms: "Démarches en ligne",
    help_device_setup: "Réglage d'un appareil",
    help_other: "Autre",
    helpRecorded: "Aide enregistrée : {0}",
    helpKept: "Aide notée : {0} (envoyée à la synchronisation)",
    helpNotRecorded: "Aide non enregistrée : {0}",
    rootIs: "Clé racine du programme, empreinte {0}. Elle doit être identique à celle de votre lettre de partenaire ; sinon, ne vous connectez pas et prévenez le programme.",
    rootNone: "Ce service n'a pas de clé racine : sa liste de confiance n'est pas signée.",
    rootChanged: "Attention : ce service annonce une autre clé racine (empreinte {0}) que celle que ce navigateur a retenue ({1}). Ne vous y fiez pas et prévenez le programme.",
    trustSigned: "Liste de confiance signée par la clé racine du programme (empreinte {0}).",
    trustPinned: "Clé racine du programme retenue par ce navigateur (empreinte {0}) : la liste de confiance est signée.",
    trustUnsigned: "Attention : la liste de confiance n'est pas signée (le service n'a pas de clé racine) ; les pass sont vérifiés avec elle telle quelle.",
    trustRefused: "Liste de confiance reçue refusée : {0}. La liste précédente reste en vigueur ; prévenez le programme.",
    trust_root_changed: "le service annonce une autre clé racine que celle retenue par ce navigateur",
    trust_missing_signature: "elle n'est pas signée alors qu'une clé racine est retenue",
    trust_wrong_root: "elle est signée par une autre clé racine",
    trust_bad_list_signature: "sa signature ne correspond pas (liste modifiée ?)",
    trust_malformed_signature: "sa signature est illisible",
    trust_bad_root_key: "la clé racine retenue n'est pas valide",
    trust_older_than_kept: "elle est plus ancienne que la liste en vigueur",
  },
  en: {
    title: "Digital pass counter",
    signInIntro: "Paste your key: your partner association's (pnk_…), your office's, which hands carnets out (pno_…), or the admin key (pna_…). It is not kept in this browser: a session is opened (12 hours; 2 hours for the admin).",
    keyLabel: "Your key",
    signIn: "Sign in",
    signingIn: "Signing in…",
    signOut: "Sign out",
    signedOut: "You are signed out.",
    sessionExpired: "Your session has expired: sign in again with your key.",
    keyRefused: "This key is neither an active partner's or office's key nor the admin key.",
    unreachable: "The service does not answer. Try again when the network is back.",
    language: "Français",
    scanLabel: "Scan a pass (scanner or camera)",
    scanHelp: "This field keeps the focus: the scanner can scan at any time.",
    camera: "Camera",
    cameraStop: "Stop the camera",
    cameraRefused: "The camera is not available: {0}",
    lookupLabel: "Printed pass number (look-up only)",
    lookup: "Look up",
    accepted: "ACCEPTED",
    refused: "REFUSED",
    acceptedOffline: "ACCEPTED (offline)",
    next: "Scan the next pass",
    tally: "Today: {0} passes, {1}",
    tallyOne: "Today: {0} pass, {1}",
    online: "Online",
    offline: "Offline",
    replicaAge: "Offline copy: updated {0} ago",
    replicaNever: "No offline copy yet: the service must be reached first.",
    replicaStale: "Warning: the offline copy is {0} old. Reconnect to the network as soon as you can.",
    replicaTooOld: "offline copy too old ({0}): reconnect to the network to go on",
    journalPending: "{0} pass(es) accepted offline, to send to the service",
    sync: "Send now",
    syncAccepted: "{0}: accepted ({1})",
    syncConflict: "{0}: CONFLICT — scanned here on {1}; {2}",
    myView: "My statement",
    counter: "Counter",
    unreadable: "unreadable code: scan again",
    alreadySpent: "already used on {0}",
    alreadySpentByYou: "already used here on {0}",
    alreadyInJournal: "already accepted here offline",
    spentInReplica: "already used (offline copy)",
    revoked: "pass cancelled (carnet lost or stolen)",
    noReplica: "the service does not answer and this browser has no offline copy",
    notRecorded: "not recorded: {0}",
    malformed: "not a valid pass (misread or damaged code)",
    unsupported_version: "pass format not supported by this version",
    unknown_key: "unknown key: not issued by a trusted office",
    key_revoked: "the issuing key has been revoked",
    key_not_valid: "the issuing key is not valid at this date",
    bad_signature: "invalid signature: forged or altered pass?",
    expired: "expired pass",
    scanned_in_future: "the scan time is ahead of the service: check the device's clock",
    scanned_too_long_ago: "the scan time is over a year ago: check the device's clock",
    not_distributed: "carnet not handed out by an office yet: this pass cannot be used",
    otherFirst: "another partner used it first, on {0}",
    lookupUnspent: "{0}: not used yet",
    lookupSpent: "{0}: used on {1}",
    lookupRevoked: "{0}: cancelled ({1})",
    lookupNoKey: "{0}: no key of this series in the trust list",
    lookupOffline: "A look-up needs the network.",
    statementTitle: "My statement",
    month: "Month",
    show: "Show",
    downloadCSV: "Download (CSV)",
    downloadPDF: "Download (PDF)",
    passColumn: "Pass",
    whenColumn: "Used on",
    valueColumn: "Value",
    receiptColumn: "Receipt",
    helpColumn: "Help given",
    total: "Total: {0} passes, {1}",
    conflictsTitle: "Conflicts (not reimbursed)",
    noConflicts: "No conflict this month.",
    conflictLine: "{0}: scanned here on {1}; {2}",
    noPass: "No pass this month.",
    receiptsTitle: "My receipts",
    receiptsHint: "Every pass accepted here has a receipt signed by the service, kept in this browser. The receipts file proves your redemptions even if the service is gone: keep it, or give it to the programme's auditor.",
    downloadReceipts: "Download my receipts",
    receiptsSaved: "{0} receipt(s) in the file {1}.",
    noReceipts: "No receipt in this browser.",
    hours: "{0} h",
    minutes: "{0} min",
    pageFor_partner: "This page is for partner associations.",
    pageFor_office: "This page is for the offices that hand carnets out.",
    pageFor_admin: "This page is for the programme's administration.",
    signedInAs_partner: "You are signed in as the partner:",
    signedInAs_office: "You are signed in as the office:",
    signedInAs_admin: "You are signed in with the admin key.",
    goTo_partner: "Go to the counter",
    goTo_office: "Go to carnet hand-over",
    goTo_admin: "Go to the dashboard",
    adminName: "Programme administration",
    otherKeyHint: "To open this page, sign out and sign in with the right key.",
    handoutTitle: "Carnet hand-over",
    stubLabel: "Scan the code on the carnet's stub (scanner or camera)",
    noPersonalData: "Nothing is asked or recorded about the person who receives the carnet: only the carnet, this office and the time.",
    handedOut: "HANDED OUT",
    handedOutDetail: "Carnet of {0} passes, handed out on {1}",
    alreadyHandedOut: "ALREADY HANDED OUT",
    alreadyHandedOutDetail: "Already handed out on {0} by {1}. Nothing changed.",
    cancelledCarnet: "CARNET CANCELLED",
    cancelledDetail: "Do not hand it out: this carnet was cancelled (lost or stolen).",
    notRecordedWord: "NOT RECORDED",
    handoutOffline: "The service does not answer: keep this carnet aside and scan it when the network is back.",
    stubUnreadable: "Unreadable code: scan the code on the carnet's stub.",
    stubIsPass: "This is a pass, not the stub: scan the code on the carnet's stub.",
    carnetNumber: "Carnet {0}",
    nextStub: "Scan the next stub",
    handoutsToday: "Today: {0} carnet(s) handed out here",
    recent_accepted: "{0}: handed out on {1}",
    recent_warning: "{0}: already handed out on {1}",
    recent_refused: "{0}: {1}",
    helpQuestion: "Help given (optional):",
    help_mailbox: "Mailbox",
    help_cv: "CV",
    help_online_forms: "Online forms",
    help_device_setup: "Device set-up",
    help_other: "Other",
    helpRecorded: "Help recorded: {0}",
    helpKept: "Help noted: {0} (sent at the next sync)",
    helpNotRecorded: "Help not recorded: {0}",
    rootIs: "The programme's root key, fingerprint {0}. It must be the same as in your partner letter; if not, do not sign in and tell the programme.",
    rootNone: "This service has no root key: its trust list is not signed.",
    rootChanged: "Warning: this service names another root key (fingerprint {0}) than the one this browser pinned ({1}). Do not rely on it and tell the programme.",
    trustSigned: "Trust list signed by the programme's root key (fingerprint {0}).",
    trustPinned: "The programme's root key is now pinned by this browser (fingerprint {0}): the trust list is signed.",
    trustUnsigned: "Warning: the trust list is not signed (the service has no root key); passes are checked against it as it is.",
    trustRefused: "Trust list received and refused: {0}. The previous list stays in force; tell the programme.",
    trust_root_changed: "the service names another root key than the one this browser pinned",
    trust_missing_signature: "it is not signed and a root key is pinned",
    trust_wrong_root: "it is signed by another root key",
    trust_bad_list_signature: "its signature does not match (list altered?)",
    trust_malformed_signature: "its signature is unreadable",
    trust_bad_root_key: "the pinned root key is not valid",
    trust_older_than_kept: "it is older than the list in force",
  },
};

export function language() {
  const chosen = localStorage.getItem("passnum.lang");
  return chosen === "en" || chosen === "fr" ? chosen : "fr";
}

export function t(key, ...values) {
  const text = WORDS[language()][key] ?? WORDS.fr[key] ?? key;
  return text.replace(/\{(\d)\}/g, (_, i) => String(values[Number(i)]));
}

/** Fills every marked element, and the page's language. */
export function applyWords(root = document) {
  document.documentElement.lang = language();
  for (const el of root.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
  for (const el of root.querySelectorAll("[data-said]")) el.textContent = el.words?.() ?? el.textContent;
  for (const el of root.querySelectorAll("[data-t-label]")) el.setAttribute("aria-label", t(el.dataset.tLabel));
  for (const el of root.querySelectorAll("[data-t-placeholder]")) el.placeholder = t(el.dataset.tPlaceholder);
}

/**
 * Writes `words()` (text, or a function giving it in the current language) into `el`, and
 * again whenever the language is switched (applyWords): for what the code writes that is not a
 * fixed key, as a verdict with its reason, amount and time.
 */
export function say(el, words) {
  el.words = typeof words === "function" ? words : () => words;
  el.dataset.said = "";
  el.textContent = el.words();
}

/** The language button: switches French ↔ English and rewrites the page. */
export function languageButton(button, onChange = () => {}) {
  button.addEventListener("click", () => {
    localStorage.setItem("passnum.lang", language() === "fr" ? "en" : "fr");
    applyWords();
    onChange();
  });
}

/** A kind of help in words: the programme's standard kinds are translated, others shown as coded. */
export function helpLabel(kind) {
  const key = `help_${kind}`;
  return t(key) === key ? kind.replace(/_/g, " ") : t(key);
}

/** "10,00 €" in French, "€10.00" in English. */
export function euros(cents) {
  return new Intl.NumberFormat(language() === "fr" ? "fr-FR" : "en-GB", { style: "currency", currency: "EUR" }).format(cents / 100);
}

/** A time as Paris sees it: "27/11/2026 14:05". */
export function parisTime(isoOrDate) {
  const date = typeof isoOrDate === "string" ? new Date(isoOrDate) : isoOrDate;
  return new Intl.DateTimeFormat(language() === "fr" ? "fr-FR" : "en-GB", {
    timeZone: "Europe/Paris", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit",
  }).format(date);
}

/** Today in Paris, YYYY-MM-DD. */
export function parisDay(date = new Date()) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}

/** A duration in hours or minutes. */
export function duration(seconds) {
  return seconds >= 3600 ? t("hours", Math.floor(seconds / 3600)) : t("minutes", Math.max(0, Math.floor(seconds / 60)));
}
