# Loga teksti (latviešu valodā). Daudzskaitļa formas atbilst latviešu valodas CLDR kategorijām: zero, one, other.

app-title = Vigil
tab-queue = Rinda ({ $count })
tab-fraud = Krāpšanas rinda ({ $count })
tab-decided = Izlemtās ({ $count })
tab-decided-unloaded = Izlemtās
case-back = Atpakaļ (Esc)
case-read-only = Tikai lasīšanai: { $status }. Šeit nekas netiek pieņemts darbā vai izlemts.
case-purged = Personas dati dzēsti { $date } saskaņā ar glabāšanas politiku: pieteicēja dati, attēli un piezīmes ir izdzēsti; lēmums un tā žurnāla ieraksti paliek.
reopen-title = Atvērt lietu no jauna (uzraugs)
reopen-explain = Lēmuma žurnāla ieraksts paliek nemainīgs; jauns ieraksts reģistrē atvēršanu un tās iemeslu, un lieta atgriežas rindā, no kuras tā tika izlemta.
reopen-reason = Iemesls
reopen-reason-hint = kāpēc (žurnālam, obligāti)
reopen-button = Atvērt no jauna
reopen-own = Šo lietu izlēma { $by }: četru acu princips — to atver cits uzraugs.
case-reopened = { $id } atvērta no jauna — žurnāla ieraksts { $seq }
case-reopen-failed = NAV ATVĒRTA: { $id }: { $reason }
case-not-claimed = Nav pieņemta darbā: tikai apskatīta.
tab-review = Pārbaude
tab-audit = Audita žurnāls
shortcuts-button = Īsinājumtaustiņi (F1)
language = Valoda

queue-empty-title = Nav gaidošu lietu.
queue-unreadable = nav nolasāms
queue-empty-explain = Importējiet iesūtni ar `vigil import INBOX` vai ielādējiet demonstrācijas rindu. Datu mape: { $dir }
queue-load-demo = Ielādēt demonstrācijas rindu
queue-loading-demo = Ielādē demonstrācijas rindu…
queue-demo-loaded = Demonstrācijas rinda ielādēta, jaunas lietas: { $count }.
queue-demo-progress = Ielādē demonstrācijas rindu, ielādētas lietas: { $count }…
queue-count = { $shown } no { $total } { $total ->
    [zero] lietām
    [one] lietas
   *[other] lietām
}, vecākās vispirms
queue-start = Sākt pārbaudi
queue-start-hint = Atvērt vecāko lietu (Enter)
queue-done = Rinda ir izskatīta. Labs darbs!
search = Meklēt
search-hint = ID, vārds vai dokumenta numurs (/)
filter-status = Statuss
filter-all = visas
filter-waiting = gaida
filter-in-review = pārbaudē
filter-fail = Ir kļūdu norādes
filter-client = Klients
filter-country = Valsts
col-case = Lieta
col-age = Vecums
col-applicant = Pieteicējs
col-document = Dokuments
col-hints = Norādes
col-status = Statuss
col-claimed = Apstrādā
col-escalated-by = Eskalēja
col-due = Termiņš
due-in = pēc { $time }
due-overdue = nokavēts { $time }
queue-own-escalation = { $name } (jūs)
queue-own-escalation-hover = Jūsu eskalācija: par to lemj cits krāpšanas speciālists (četru acu princips). Jums tā netiek piedāvāta.
hints-fail = kļūdas: { $count }
hints-warn = brīdinājumi: { $count }
hints-info = info: { $count }
hints-none = nav
hints-running = pārbauda…
checks-running = Sejas pārbaudes vēl notiek: to norādes parādīsies šeit, kad tās beigsies.
checks-running-armed = Sejas pārbaudes vēl notiek, un visas to norādes vēl nav šeit. Nospiediet vēlreiz, lai lemtu bez tām, vai pagaidiet.
age-minutes = { $n } min
age-hours = { $n } h
age-days = { $n } d.
status-pending = gaida
status-escalated = eskalēta
status-in-review = pārbaudē

case-submitted = iesniegta { $date } (pirms { $age })
case-escalated-note = eskalēta: krāpšanas pārbaude
case-claimed-until = rezervēta jums līdz { $time } UTC (pagarinās, kamēr atvērta)
case-claiming = rezervē…
case-opening = Atver { $id }…
case-none = Nav atvērtas lietas.
case-skipped = { $id } izlaista: { $reason }
case-cannot-open = Nevar atvērt { $id }: { $error }
decision-recorded = { $id } { $outcome } — žurnāla ieraksts { $seq }
decision-held = { $id }: tiks reģistrēts pēc { $seconds } s; Ctrl+Z to atsauc
decision-undone = { $id }: lēmums atsaukts, nekas nav reģistrēts
notice-dismiss = Aizvērt
decision-not-recorded = NAV REĢISTRĒTS: { $id }: { $reason }

section-data = Dati
slot-document-front = Dokumenta priekšpuse
slot-document-back = Dokumenta aizmugure
slot-selfie = Pašportrets
slot-liveness = Dzīvīguma kadrs { $n }
severity-fail = KĻŪDA
severity-warn = BRĪDINĀJUMS
severity-info = INFO
doctype-passport = pase
doctype-id-card = personas apliecība
doctype-visa = vīza
section-hints = Norādes ({ $count })
section-history = Šīs lietas žurnāls ({ $count })
history-empty = Šai lietai vēl nav reģistrēta neviena lēmuma.
entry-kind-decision = lēmums
entry-kind-account = konta izmaiņas
entry-kind-release = atbrīvots no darba
entry-kind-reopen = atvērta no jauna
entry-kind-purge = personas dati dzēsti
entry-kind-claim = paņemta darbā
entry-kind-open = atvērta skatīšanai
entry-kind-export = eksportēta
entry-kind-qa = aklā kvalitātes pārbaude
section-access = Kas skatīja šo lietu ({ $count })
access-empty = Šo lietu vēl neviens nav paņēmis darbā, atvēris vai eksportējis.
audit-claims-unexplained = { $count ->
        [one] { $count } lietas piesaiste atšķiras no žurnālā ierakstītā: mainīta, apejot žurnālu
       *[other] { $count } lietu piesaistes atšķiras no žurnālā ierakstītā: mainītas, apejot žurnālu
    }
audit-unexplained-claim = { $id }: { $stored }; pēc žurnāla — { $logged }
audit-claim-held = darbā pie { $name } līdz { $until }
audit-claim-none = nav spēkā esošas piesaistes
audit-qa-unexplained = { $count ->
        [one] { $count } lietas vieta kvalitātes pārbaudes rindā atšķiras no žurnālā ierakstītā: mainīta, apejot žurnālu
       *[other] { $count } lietu vietas kvalitātes pārbaudes rindā atšķiras no žurnālā ierakstītā: mainītas, apejot žurnālu
    }
audit-qa-waiting = gaida ieraksta { $entry } kvalitātes pārbaudi
audit-qa-none = negaida kvalitātes pārbaudi
note-purged = dzēsta saskaņā ar glabāšanas politiku; tās apliecinājums paliek žurnālā
history-note = Piezīme: { $note }
history-hints = Ekrānā redzamās norādes: { $hints }
hint-case-now = { $id } tagad: { $status }
hints-empty = Nav automātisku norāžu.
hint-use = izmantot { $reason } ({ $marks })
hint-use-tooltip = Pievienot šo iemeslu noraidījumam (U)
data-declared = Norādītie dati
data-mrz = MRZ
field-surname = Uzvārds
field-given-names = Vārdi
field-date-of-birth = Dzimšanas datums
field-sex = Dzimums
field-nationality = Pilsonība
field-document-number = Dokumenta numurs
field-issuing-country = Izdevējvalsts
field-expiry = Derīgs līdz
field-personal-number = Personas kods
field-composite = Kopējais
data-document-line = Dokuments: { $type } · klients { $client } · pieteicēja valoda { $lang }
mrz-valid = MRZ ({ $format }, kontrolcipari pareizi)
mrz-wrong = MRZ ({ $format }, nepareizie kontrolcipari iezīmēti)
mrz-malformed = MRZ (nederīgs izkārtojums: { $error })
mrz-absent = MRZ netika nolasīta.
other-fields = Citi lauki
policy-line = Politika: { $source ->
    [built-in] iebūvētā
   *[other] { $source }
}, klients { $client }
policy-line-raw = Politika: { $policy }

tool-fit = Ietilpināt
tool-actual = 1:1
tool-turn = Pagriezt
tool-enlarge = Palielināt
tool-compare = Salīdzināt
tool-facts = Faila dati
image-unavailable-missing = importējot fails trūka vai nebija nolasāms
image-unavailable-pdf = PDF augšupielāde: sīkāka informācija ir faila datos
image-unavailable-type = nav attēls, ko Vigil var parādīt (skatiet norādes)

decision-title = Lēmums
approve = Apstiprināt
approve-anyway = Tomēr apstiprināt
reject = Noraidīt
escalate = Eskalēt
skip = Izlaist
approve-armed = { $count ->
    [zero] { $count } kļūdu norādes: nospiediet A vēlreiz, lai apstiprinātu.
    [one] { $count } kļūdas norāde: nospiediet A vēlreiz, lai apstiprinātu.
   *[other] { $count } kļūdu norādes: nospiediet A vēlreiz, lai apstiprinātu.
}
note = Piezīme
note-hint = žurnālam un krāpšanas komandai
reasons-title = Iemesli
filter-reasons = Filtrēt iemeslus
filter-reasons-hint = rakstiet, lai filtrētu
reasons-chosen = { $count ->
    [zero] { $count } iemesli
    [one] { $count } iemesls
   *[other] { $count } iemesli
}, { $finality }
reasons-final = galīgs: jauns mēģinājums nav iespējams
reasons-retry = atkārtojams: pieteicējs var mēģināt vēlreiz
confirm-rejection = Iesniegt noraidījumu
cancel = Atcelt
message-preview = Ziņojums pieteicējam ({ $lang })
message-preview-fallback = Ziņojums pieteicējam ({ $tag }: rakstīts angliski)
choose-reason = Izvēlieties vismaz vienu iemeslu.
flag-fraud = krāpšana
reason-untick = Noņemt šo iemeslu
message-preview-none = Pieteicēja ziņojums parādīsies šeit, kad izvēlēsieties: apstiprināt (A) ar kļūdu norādēm vai noraidīt (R). Apstiprināšanas un eskalācijas ziņojumu redzēsiet, novietojot kursoru uz pogas.

audit-title = Lēmumu žurnāls
audit-reload = Pārlādēt
audit-verify = Pārbaudīt ķēdi
audit-export-csv = Eksportēt CSV…
audit-export-jsonl = Eksportēt JSONL…
audit-export-path = Eksporta ceļš
audit-export-here = Eksportēt šeit
audit-no-file = Fails nav izvēlēts; lai eksportētu bez dialoga, ievadiet ceļu zemāk.
audit-progress = Ieraksti: { $done } no { $total }
audit-written = Eksportēti ieraksti ar parakstītu kontrolpunktu: { $count }; fails: { $path }
audit-failed = Eksports neizdevās, nekas netika ierakstīts: { $error }
audit-intact = Ķēde ir neskarta — ierakstu skaits: { $count }, pēdējais jaucējkods: { $head }
audit-broken = Ķēde ir bojāta: { $error }
audit-unexplained = { $count ->
        [one] { $count } lieta atšķiras no žurnālā ierakstītā: mainīta, apejot žurnālu
       *[other] { $count } lietas atšķiras no žurnālā ierakstītā: mainītas, apejot žurnālu
    }
audit-unexplained-case = { $id }: { $stored }; pēc žurnāla — { $logged }
audit-stored-as = saglabāta kā „{ $status }”
audit-stored-unreadable = saglabātais statuss nav nolasāms ({ $why })
audit-stored-absent = krātuvē nav
audit-escalated-by = eskalēta (eskalēja { $name })
audit-accounts-unexplained = { $count ->
        [one] { $count } konts atšķiras no žurnālā ierakstītā: mainīts, apejot žurnālu
       *[other] { $count } konti atšķiras no žurnālā ierakstītā: mainīti, apejot žurnālu
    }
audit-account-differs = { $name }: krātuvē — { $stored }; pēc žurnāla — { $logged }
audit-authority = lomas { $roles }
audit-authority-disabled = lomas { $roles }, atspējots
audit-authority-none = konta nav
audit-account-unknown = { $name }: ierakstā { $seq } ir „{ $change }”, bet tādas izmaiņas Vigil neveic
audit-more = … un vēl { $count } (visas uzskaita `vigil audit verify`)
audit-filter = Filtrēt žurnālu
audit-filter-hint = lieta, pārbaudītājs vai iemesls
audit-hide-access = Slēpt piesaistes, atvēršanas un eksportus
audit-outcome = Rezultāts
audit-shown = Ieraksti: { $shown } no { $total }
audit-from = No
audit-until = līdz
audit-date-hint = Lēmuma datums, GGGG-MM-DD, ieskaitot abus galus (UTC)
audit-open-hint = Atvērt visu ierakstu (Enter)
audit-entry = Žurnāla ieraksts #{ $seq }
audit-kind = Veids
audit-change = Izmaiņas
audit-final = Galīgs
audit-hints = Ekrānā redzamās norādes
audit-message = Ziņojums pieteicējam
audit-prev-hash = Iepriekšējā jaucējvērtība
col-seq = #
col-decided = Lēmuma laiks
col-reviewer = Pārbaudītājs
col-outcome = Rezultāts
col-reasons = Iemesli
col-time = Ilgums
col-hash = Jaucējkods

status-latency = no lēmuma līdz nākamajai lietai { $ms } ms (mediāna no { $count })
status-frame = kadrs { $ms } ms
cheat-sheet = Īsinājumtaustiņi
font-missing = Japāņu valodai nepieciešams CJK fonts (Debian: apt-get install fonts-noto-cjk); kamēr tas nav instalēts, tiek rādīta angļu valoda.

key-approve = Apstiprināt (vēlreiz jautā, ja lietai ir kļūdu norādes)
key-reject = Noraidīt: atvērt iemeslu izvēli
key-escalate = Eskalēt krāpšanas komandai
key-skip = Izlaist: atbrīvot lietu un atvērt nākamo
key-next-image = Nākamais attēls
key-previous-image = Iepriekšējais attēls
key-zoom-in = Tuvināt
key-zoom-out = Tālināt
key-fit = Ietilpināt attēlu rūtī
key-actual-size = Oriģinālais izmērs (1:1)
key-rotate = Pagriezt attēlu par 90°
key-enlarge = Palielināt attēlu / atgriezties pie visiem attēliem
key-compare = Salīdzināt pašbildi un dokumentu blakus
key-facts = Attēla faila dati un EXIF
key-next-hint = Nākamā norāde (iezīmēta attēlā)
key-previous-hint = Iepriekšējā norāde
key-adopt-hint = Izmantot atlasītās norādes ieteikto iemeslu
key-look-at = Apskatīt lietu, uz kuru norāda izvēlētā norāde vai attēls (tikai lasīšanai)
key-note = Rakstīt piezīmi
key-undo = Atsaukt pēdējo lēmumu (10 s laikā)
key-confirm = Iesniegt lēmumu
key-cancel = Aizvērt izvēli vai pārklājumu
key-picker-up = Iemeslu izvēle: uz augšu
key-picker-down = Iemeslu izvēle: uz leju
key-picker-toggle = Iemeslu izvēle: atzīmēt vai noņemt atzīmi (1–9 atzīmē numurētos iemeslus)
key-pan-left = Pārvietot attēla skatu pa kreisi
key-pan-right = Pārvietot attēla skatu pa labi
key-pan-up = Pārvietot attēla skatu uz augšu
key-pan-down = Pārvietot attēla skatu uz leju
key-search = Meklēt rindā
key-open-queue = Rinda
key-open-audit = Audita žurnāls
key-open-qa = Aklā kvalitātes pārbaude
key-reopen-from-qa = Kvalitātes pārbaude: atvērt atkārtoti izvēlēto nesakritību
key-help = Šī īsinājumtaustiņu lapa
key-quit = Aizvērt logu (aizturētais lēmums vispirms tiek reģistrēts)

outcome-approved = apstiprināta
outcome-rejected = noraidīta
outcome-escalated = eskalēta

## Faces and error levels
tool-error-levels = Kļūdu līmeņi
key-error-levels = Rādīt JPEG kā kļūdu līmeņus (ELA), palīgs ielīmētu vietu atrašanai
faces-off = Sejas pārbaudes ir izslēgtas ({ $reason }): palaidiet bash .ci/setup-debian, lai lejupielādētu sejas modeļus (README, "Face models")
faces-not-found = Nav sejas salīdzināšanai: { $slots }
compare-portrait = Dokumenta portrets
compare-selfie = Pašbilde
compare-distance = Seju attālums { $distance } (face.mismatch virs { $limit })
compare-no-distance = Sejas nevarēja izmērīt

tab-accounts = Konti
sign-out-button = { $name } · iziet
sign-out-hover = Lomas: { $roles }. Iziet, atbrīvojot atvērto lietu, lai var pieteikties cits cilvēks.
demo-store-short = DEMO KRĀTUVE
demo-store-banner = DEMO KRĀTUVE: sintētiskas lietas, publiskas demo paroles. Nav paredzēta īstiem lēmumiem.

sign-in-title = Pieteikties Vigil
sign-in-name = Konta vārds
sign-in-password = Parole
sign-in-button = Pieteikties
sign-in-checking = Pārbauda…
sign-in-no-accounts = Šajā krātuvē vēl nav kontu. Administrators izveido pirmo ar `vigil account init VĀRDS` šajā datorā; vai ielādējiet demo rindu ar tās demo kontiem.
sign-in-demo-accounts = Demo konti (to paroles ir publiskas):
sign-in-use = Pieteikties kā { $name }

accounts-title = Konti
accounts-explain = Katra izmaiņa šeit tiek pārbaudīta pret jūsu administratora lomu un ierakstīta ar jaucējķēdi aizsargātajā žurnālā.
accounts-name = Vārds
accounts-state = Stāvoklis
accounts-disabled = atspējots
accounts-no-password = parole nav iestatīta
accounts-disable = Atspējot { $name }
accounts-reset-password = Atiestatīt { $name } paroli
accounts-new-password = Jaunā parole
accounts-set-password = Iestatīt paroli
accounts-add-title = Jauns konts
accounts-add = Izveidot kontu
accounts-changed = { $name }: { $change } (žurnāla ieraksts { $seq })

escalation-by = Eskalēja { $name }, { $date }
escalation-note = Piezīme: { $note }
escalation-proposed = Ierosinātie krāpšanas iemesli, kurus jums jāapstiprina vai jānoraida:
decision-proposed = { $id }: krāpšanas iemesliem vajadzīga krāpšanas loma; nosūtīts krāpšanas komandai kā ierosinājums.
connection-lost = Komandas serveris nav sasniedzams ({ $error }); mēģina vēlreiz. Pa to laiku rinda tiek atjaunota ik pēc 2 sekundēm.
reasons-proposal = Krāpšanas iemesliem vajadzīga krāpšanas loma: tas tiks nosūtīts krāpšanas komandai kā ierosinājums, un pieteicējam paziņos, ka lieta tiek pārskatīta.
confirm-proposal = Nosūtīt krāpšanas komandai
tab-stats = Statistika
stats-title = Statistika
stats-today = Šodien
stats-week = 7 dienas
stats-month = 30 dienas
stats-all = Viss
stats-from = No
stats-until = līdz
stats-load = Rādīt
stats-loading = Skaita…
stats-failed = Statistiku nevarēja nolasīt: { $error }
stats-own = Jūsu rādītāji (vadītājs redz visu rādītājus).
stats-everyone = Visu rādītāji.
stats-empty = Šajā periodā lēmumu nav.
stats-col-reviewer = Pārbaudītājs
stats-col-decisions = Lēmumi
stats-col-approved = Apstiprināti
stats-col-rejected = Noraidīti
stats-col-escalated = Nodoti tālāk
stats-col-median = Laika mediāna
stats-col-p90 = 90. procentile
stats-col-skips = Izlaisti
stats-col-overturned = Mainīti
stats-col-per-hour = Stundā (aktīvajā)
stats-team = Komanda
stats-hint = Norāde
stats-fired = Redzēta pie lēmumiem
stats-approved-despite = Apstiprināts tai par spīti
stats-override = Neievērošanas īpatsvars
stats-plot-throughput = Lēmumi laikā
stats-plot-handling = Apstrādes laiks
stats-plot-reasons = Iemesli pa kategorijām
stats-plot-overrides = Norāžu neievērošana
stats-overdue = Termiņu pārsniegušas gaidošas lietas: { $count }.

## Blind QA
tab-qa = Kvalitāte ({ $count })
tab-qa-unloaded = Kvalitāte
qa-title = Aklā kvalitātes pārbaude
qa-blind-explained = Izlemtas lietas, kas izvēlētas atkārtotai pārbaudei. Jūs redzat pierādījumus, datus un norādes, bet nekad pirmo lēmumu, tā piezīmi vai pieņēmēju. Jūsu pārbaude tiek reģistrēta žurnālā un nekad nemaina lietu.
qa-queue = Gaida jūsu aklo pārbaudi: { $count }
qa-reload = Pārlādēt
qa-review-next = Pārbaudīt nākamo (Enter)
qa-queue-empty = Neviena lieta negaida jūsu aklo pārbaudi.
qa-review = Pārbaudīt
qa-kappa = kappa { $kappa } · sakritība { $observed } % (nejauša { $expected } %) · pārbaudes: { $count }
qa-kappa-undefined = nav definēta
qa-report-title = Cik lielā mērā atkārtotās pārbaudes sakrīt ar pirmajiem lēmumiem
qa-outcome = Iznākums (apstiprināta, noraidīta, eskalēta)
qa-by-category = Pa iemeslu kategorijām (norādīta vai nē)
qa-by-pair = Pa pārbaudītāju pāriem
qa-disagreements = Nesakritības: { $count }
qa-reopen-how = Izvēlieties ar augšup un lejup bultiņām; { $key } atkārtoti atver izvēlēto lietu jaunam lēmumam.
qa-case = Lieta
qa-first = Pirmais lēmums
qa-second = Aklā pārbaude
qa-reopened = atvērta atkārtoti
qa-reopen = Atvērt atkārtoti
qa-other-outcome = cits iznākums
qa-other-reasons = citi iemesli
qa-case-heading = Aklā pārbaude · { $id }
qa-blind-note = Aklā pārbaude: pirmais lēmums, tā piezīme un pieņēmējs ir paslēpti. Jūsu lēmums tiek reģistrēts kā kvalitātes pārbaude un nemaina lietu.
qa-reviewed = Lietas { $id } kvalitātes pārbaude reģistrēta (ieraksts { $seq }).
qa-review-failed = Lietas { $id } kvalitātes pārbaude netika reģistrēta: { $reason }
qa-sample-rate = Izvēlēties kvalitātes pārbaudei kopš pēdējās izlases izlemtās lietas ar daļu
qa-sample-policy = politika
qa-sample = Izvēlēties
qa-sampled = { $count } no { $of } kopš pēdējās izlases izlemtajām lietām nodotas aklajai pārbaudei.
qa-sample-failed = Izlase netika veikta: { $reason }

## Evidence packet
packet-title = Pierādījumu pakete · { $id }
packet-made = Sagatavoja { $name } { $time } no krātuves žurnāla.
packet-case-line = Iesniegta { $submitted } · klients { $client } · statuss { $status } · pieteicēja valoda { $locale }
packet-log = Šīs lietas žurnāls: { $count } ieraksti, katrs ar savu jaucējkodu un iepriekšējā jaucējkodu
packet-checkpoint = Parakstīts žurnāla kontrolpunkts, kas aptver visus iepriekš minētos ierakstus
packet-key = Krātuves publiskā atslēga kontrolpunkta pārbaudei (vigil audit verify):
key-packet = Šīs lietas pierādījumu pakete (PDF)
packet-written = Lietas { $id } pierādījumu pakete saglabāta: { $path }.
packet-failed = Lietas { $id } pierādījumu pakete netika izveidota: { $reason }
packet-button = Pierādījumu pakete
packet-image-purged = dzēsts saskaņā ar glabāšanas politiku
packet-image-none = nav saglabāts (skatiet norādes)
packet-proof = Jebkura ieraksta iekļaušanu šajā kontrolpunktā bezsaistē pierāda ar vigil audit receipt SEQ un vigil audit verify --receipt.
