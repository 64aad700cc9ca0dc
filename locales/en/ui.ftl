# The window's words. Plurals follow each language's rules (Fluent selects by number).

app-title = Vigil
tab-queue = Queue ({ $count })
tab-fraud = Fraud queue ({ $count })
tab-decided = Decided ({ $count })
tab-decided-unloaded = Decided
case-back = Back (Esc)
case-read-only = Read-only: { $status }. Nothing is claimed or decided here.
case-purged = Personal data purged on { $date } under the retention policy: the applicant's details, images and notes are gone; the decision and its log entries remain.
reopen-title = Reopen this case (supervisor)
reopen-explain = The decision's log entry stays as it is; a new entry records the reopening and its reason, and the case goes back to the queue it was decided from.
reopen-reason = Reason
reopen-reason-hint = why, for the log (required)
reopen-button = Reopen
reopen-own = { $by } decided this case: four-eyes rule, another supervisor reopens it.
case-reopened = { $id } reopened — log entry { $seq }
case-reopen-failed = NOT REOPENED: { $id }: { $reason }
case-not-claimed = Not claimed: looked at only.
tab-review = Review
tab-audit = Audit log
shortcuts-button = Shortcuts (F1)
language = Language

queue-empty-title = No cases are waiting.
queue-unreadable = cannot be read
queue-empty-explain = Import an inbox with `vigil import INBOX`, or load the demo queue. Data folder: { $dir }
queue-load-demo = Load the demo queue
queue-loading-demo = Loading the demo queue…
queue-demo-loaded = Demo queue loaded: { $count } new cases.
queue-demo-progress = Loading the demo queue: { $count } { $count ->
    [one] case
   *[other] cases
} in so far…
queue-count = { $shown } of { $total } { $total ->
    [one] case
   *[other] cases
}, oldest first
queue-start = Start reviewing
queue-start-hint = Open the oldest case (Enter)
queue-done = The queue is done. Well reviewed.
search = Search
search-hint = id, name or document number (/)
filter-status = Status
filter-all = all
filter-waiting = waiting
filter-in-review = in review
filter-fail = Has fail hints
filter-client = Client
filter-country = Country
col-case = Case
col-age = Age
col-applicant = Applicant
col-document = Document
col-hints = Hints
col-status = Status
col-claimed = Claimed by
col-escalated-by = Escalated by
col-due = Due
due-in = in { $time }
due-overdue = overdue { $time }
queue-own-escalation = { $name } (you)
queue-own-escalation-hover = Your own escalation: another fraud reviewer decides it (four eyes). It is not offered to you.
hints-fail = { $count } fail
hints-warn = { $count } warn
hints-info = { $count } info
hints-none = none
hints-running = checking…
checks-running = Face checks still running: their hints appear here when they finish.
checks-running-armed = Face checks are still running, and their hints are not all here. Press again to decide without them, or wait.
age-minutes = { $n } min
age-hours = { $n } h
age-days = { $n } d
status-pending = pending
status-escalated = escalated
status-in-review = in review

case-submitted = submitted { $date } ({ $age } ago)
case-escalated-note = escalated: fraud review
case-claimed-until = yours until { $time } UTC (renewed while open)
case-claiming = claiming…
case-opening = Opening { $id }…
case-none = No case open.
case-skipped = Skipped { $id }: { $reason }
case-cannot-open = Cannot open { $id }: { $error }
decision-recorded = { $id } { $outcome } — log entry { $seq }
decision-held = { $id }: recorded in { $seconds } s; Ctrl+Z takes it back
decision-undone = { $id }: decision taken back, nothing recorded
notice-dismiss = Dismiss
decision-not-recorded = NOT RECORDED: { $id }: { $reason }

section-data = Data
slot-document-front = Document front
slot-document-back = Document back
slot-selfie = Selfie
slot-liveness = Liveness { $n }
severity-fail = FAIL
severity-warn = WARN
severity-info = INFO
doctype-passport = passport
doctype-id-card = ID card
doctype-visa = visa
section-hints = Hints ({ $count })
section-history = Log of this case ({ $count })
history-empty = No decision recorded on this case yet.
entry-kind-decision = decision
entry-kind-account = account change
entry-kind-release = claim released
entry-kind-reopen = reopened
entry-kind-purge = personal data purged
entry-kind-claim = claimed
entry-kind-open = opened read-only
entry-kind-export = exported
entry-kind-qa = blind QA
section-access = Who looked at this case ({ $count })
access-empty = Nobody has claimed, opened or exported this case yet.
audit-claims-unexplained = { $count ->
        [one] 1 claim differs from what the log makes it: changed behind the log
       *[other] { $count } claims differ from what the log makes them: changed behind the log
    }
audit-unexplained-claim = { $id }: { $stored }; the log says { $logged }
audit-claim-held = claimed by { $name } until { $until }
audit-claim-none = no live claim
audit-qa-unexplained = { $count ->
        [one] 1 case's place in the QA queue differs from what the log makes it: changed behind the log
       *[other] { $count } cases' places in the QA queue differ from what the log makes them: changed behind the log
    }
audit-qa-waiting = waiting for QA of entry { $entry }
audit-qa-none = not waiting for QA
note-purged = purged under the retention policy; its commitment stays in the log
history-note = Note: { $note }
history-hints = Hints on screen: { $hints }
hint-case-now = { $id } is now: { $status }
hints-empty = No automated hints.
hint-use = use { $reason } ({ $marks })
hint-use-tooltip = Add this reason to the rejection (U)
data-declared = Declared
data-mrz = MRZ
field-surname = Surname
field-given-names = Given names
field-date-of-birth = Date of birth
field-sex = Sex
field-nationality = Nationality
field-document-number = Document number
field-issuing-country = Issuing country
field-expiry = Expiry
field-personal-number = Personal number
field-composite = Composite
data-document-line = Document: { $type } · client { $client } · applicant language { $lang }
mrz-valid = MRZ ({ $format }, check digits right)
mrz-wrong = MRZ ({ $format }, wrong check digits marked)
mrz-malformed = MRZ (not a valid layout: { $error })
mrz-absent = No MRZ was captured.
other-fields = Other fields
policy-line = Policy: { $source ->
    [built-in] built-in
   *[other] { $source }
}, client { $client }
policy-line-raw = Policy: { $policy }

tool-fit = Fit
tool-actual = 1:1
tool-turn = Turn
tool-enlarge = Enlarge
tool-compare = Compare
tool-facts = Facts
image-unavailable-missing = the file was missing or unreadable at import
image-unavailable-pdf = PDF upload: open the file facts for details
image-unavailable-type = not an image Vigil can show (see the hints)

decision-title = Decision
approve = Approve
approve-anyway = Approve anyway
reject = Reject
escalate = Escalate
skip = Skip
approve-armed = { $count ->
    [one] 1 fail hint: press A again to approve.
   *[other] { $count } fail hints: press A again to approve.
}
note = Note
note-hint = for the log and the fraud team
reasons-title = Reasons
filter-reasons = Filter reasons
filter-reasons-hint = type to filter
reasons-chosen = { $count ->
    [one] 1 reason
   *[other] { $count } reasons
}, { $finality }
reasons-final = final: no new attempt
reasons-retry = retry: the applicant may try again
confirm-rejection = Confirm rejection
cancel = Cancel
message-preview = Message to the applicant ({ $lang })
message-preview-fallback = Message to the applicant ({ $tag }: written in English)
choose-reason = Choose at least one reason.
flag-fraud = fraud
reason-untick = Untick this reason
message-preview-none = The applicant's message shows here once you choose: approve (A) with fail hints, or reject (R). Hover Approve or Escalate to read theirs.

audit-title = Decision log
audit-reload = Reload
audit-verify = Verify chain
audit-export-csv = Export CSV…
audit-export-jsonl = Export JSONL…
audit-export-path = Export path
audit-export-here = Export here
audit-no-file = No file chosen; type a path below to export without the dialog.
audit-progress = { $done } of { $total } entries
audit-written = { $count } entries written to { $path }, with their signed checkpoint
audit-failed = Export failed, nothing written: { $error }
audit-intact = Chain intact: { $count } entries, head { $head }
audit-broken = Chain broken: { $error }
audit-unexplained = { $count ->
        [one] 1 case differs from what the log makes it: changed behind the log
       *[other] { $count } cases differ from what the log makes them: changed behind the log
    }
audit-unexplained-case = { $id }: { $stored }; the log makes it { $logged }
audit-stored-as = stored as { $status }
audit-stored-unreadable = stored unreadably ({ $why })
audit-stored-absent = not in the store
audit-escalated-by = escalated by { $name }
audit-accounts-unexplained = { $count ->
        [one] 1 account differs from what the log gives it: changed behind the log
       *[other] { $count } accounts differ from what the log gives them: changed behind the log
    }
audit-account-differs = { $name }: in the store { $stored }; in the log { $logged }
audit-authority = roles { $roles }
audit-authority-disabled = roles { $roles }, disabled
audit-authority-none = no account
audit-account-unknown = { $name }: entry { $seq } records “{ $change }”, which is no change Vigil makes
audit-more = … and { $count } more (`vigil audit verify` lists them all)
audit-filter = Filter log
audit-filter-hint = case, reviewer or reason
audit-hide-access = Hide claims, openings and exports
audit-outcome = Outcome
audit-shown = { $shown } of { $total } entries
audit-from = From
audit-until = until
audit-date-hint = Decision date, YYYY-MM-DD, both ends included (UTC)
audit-open-hint = Open the whole entry (Enter)
audit-entry = Log entry #{ $seq }
audit-kind = Kind
audit-change = Change
audit-final = Final
audit-hints = Hints on screen
audit-message = Message to the applicant
audit-prev-hash = Previous hash
col-seq = #
col-decided = Decided
col-reviewer = Reviewer
col-outcome = Outcome
col-reasons = Reasons
col-time = Time
col-hash = Hash

status-latency = decision to next case { $ms } ms (median of { $count })
status-frame = frame { $ms } ms
cheat-sheet = Keyboard shortcuts
font-missing = Japanese needs a CJK font (Debian: apt-get install fonts-noto-cjk); showing English until one is installed.

key-approve = Approve (asks again when the case has fail hints)
key-reject = Reject: open the reason picker
key-escalate = Escalate to the fraud team
key-skip = Skip: release the case and open the next
key-next-image = Next image
key-previous-image = Previous image
key-zoom-in = Zoom in
key-zoom-out = Zoom out
key-fit = Fit the image to its pane
key-actual-size = Original size (1:1)
key-rotate = Turn the image 90°
key-enlarge = Enlarge the image / back to all images
key-compare = Compare selfie and document side by side
key-facts = File facts and EXIF of the image
key-next-hint = Next hint (outlined on its image)
key-previous-hint = Previous hint
key-adopt-hint = Use the selected hint's suggested reason
key-look-at = Look at the case the selected hint or image names (read-only)
key-note = Write a note
key-undo = Take back the last decision (within 10 s)
key-confirm = Confirm the decision
key-cancel = Close the picker or overlay
key-picker-up = Reason picker: move up
key-picker-down = Reason picker: move down
key-picker-toggle = Reason picker: tick or untick (1–9 tick the numbered reasons)
key-pan-left = Move the image view left
key-pan-right = Move the image view right
key-pan-up = Move the image view up
key-pan-down = Move the image view down
key-search = Search the queue
key-open-queue = Queue
key-open-audit = Audit log
key-open-qa = Blind QA
key-reopen-from-qa = Blind QA: reopen the selected disagreement
key-help = This cheat sheet
key-quit = Close the window (a held decision is recorded first)

outcome-approved = approved
outcome-rejected = rejected
outcome-escalated = escalated

## Faces and error levels
tool-error-levels = Error levels
key-error-levels = Show JPEGs as error levels (ELA), an aid to spot pasted areas
faces-off = Face checks are off ({ $reason }): run bash .ci/setup-debian to fetch the face models (README, "Face models")
faces-not-found = No face to compare in: { $slots }
compare-portrait = Document portrait
compare-selfie = Selfie
compare-distance = Face distance { $distance } (face.mismatch above { $limit })
compare-no-distance = The faces could not be measured

tab-accounts = Accounts
sign-out-button = { $name } · sign out
sign-out-hover = Roles: { $roles }. Sign out, releasing the open case, so another person can sign in.
demo-store-short = DEMO STORE
demo-store-banner = DEMO STORE: synthetic cases, public demo passwords. Not for real decisions.

sign-in-title = Sign in to Vigil
sign-in-name = Account name
sign-in-password = Password
sign-in-button = Sign in
sign-in-checking = Checking…
sign-in-no-accounts = This store has no accounts yet. An administrator creates the first one with `vigil account init NAME` on this machine; or load the demo queue with its demo accounts.
sign-in-demo-accounts = Demo accounts (their passwords are public):
sign-in-use = Sign in as { $name }

accounts-title = Accounts
accounts-explain = Every change here is checked against your administrator role and written to the hash-chained log.
accounts-name = Name
accounts-state = State
accounts-disabled = disabled
accounts-no-password = no password set
accounts-disable = Disable { $name }
accounts-reset-password = Reset password of { $name }
accounts-new-password = New password
accounts-set-password = Set password
accounts-add-title = New account
accounts-add = Create account
accounts-changed = { $name }: { $change } (log entry { $seq })

escalation-by = Escalated by { $name } on { $date }
escalation-note = Their note: { $note }
escalation-proposed = Proposed fraud reasons, for you to confirm or overturn:
decision-proposed = { $id }: fraud reasons need the fraud role; sent to the fraud team as a proposal.
connection-lost = The team server cannot be reached ({ $error }); retrying. The queue is refreshed every 2 seconds meanwhile.
reasons-proposal = Fraud reasons need the fraud role: this goes to the fraud team as a proposal, and the applicant is told the case is under review.
confirm-proposal = Send to the fraud team
tab-stats = Statistics
stats-title = Statistics
stats-today = Today
stats-week = 7 days
stats-month = 30 days
stats-all = All
stats-from = From
stats-until = to
stats-load = Show
stats-loading = Counting…
stats-failed = The statistics could not be read: { $error }
stats-own = Your own figures (a supervisor sees everyone's).
stats-everyone = Everyone's figures.
stats-empty = No decisions in this period.
stats-col-reviewer = Reviewer
stats-col-decisions = Decisions
stats-col-approved = Approved
stats-col-rejected = Rejected
stats-col-escalated = Escalated
stats-col-median = Median time
stats-col-p90 = 90th percentile
stats-col-skips = Skips
stats-col-overturned = Overturned
stats-col-per-hour = Per active hour
stats-team = Team
stats-hint = Hint
stats-fired = Shown at decisions
stats-approved-despite = Approved despite it
stats-override = Override rate
stats-plot-throughput = Decisions over time
stats-plot-handling = Handling time
stats-plot-reasons = Reasons by category
stats-plot-overrides = Override rate by hint
stats-overdue = { $count ->
        [one] 1 case waiting now is past its due time.
       *[other] { $count } cases waiting now are past their due time.
    }

## Blind QA
tab-qa = QA ({ $count })
tab-qa-unloaded = QA
qa-title = Blind QA
qa-blind-explained = Decided cases sampled for a second review. You see the evidence, the data and the hints; never the first decision, its note or its reviewer. Your review is logged as QA and never changes the case.
qa-queue = Waiting for your blind review: { $count }
qa-reload = Reload
qa-review-next = Review the next (Enter)
qa-queue-empty = No case is waiting for your blind review.
qa-review = Review
qa-kappa = kappa { $kappa } · agreement { $observed } % (chance { $expected } %) · reviews: { $count }
qa-kappa-undefined = undefined
qa-report-title = How far second reviews agree with first decisions
qa-outcome = Outcome (approved, rejected, escalated)
qa-by-category = Per reason category (cited or not)
qa-by-pair = Per pair of reviewers
qa-disagreements = Disagreements: { $count }
qa-reopen-how = Select with the up and down arrow keys; { $key } reopens the selected case for a new decision.
qa-case = Case
qa-first = First decision
qa-second = Blind QA
qa-reopened = reopened
qa-reopen = Reopen
qa-other-outcome = another outcome
qa-other-reasons = other reasons
qa-case-heading = Blind QA · { $id }
qa-blind-note = Blind review: the first decision, its note and its reviewer are hidden. Your decision is logged as QA and does not change the case.
qa-reviewed = QA review of { $id } recorded (entry { $seq }).
qa-review-failed = The QA review of { $id } was not recorded: { $reason }
qa-sample-rate = Sample the cases decided since the last sample, at the rate
qa-sample-policy = policy
qa-sample = Sample
qa-sampled = { $count } of { $of } cases decided since the last sample went into blind QA.
qa-sample-failed = No sample was taken: { $reason }

## Evidence packet
packet-title = Evidence packet · { $id }
packet-made = Written by { $name } at { $time } from the store's log.
packet-case-line = Submitted { $submitted } · client { $client } · status { $status } · applicant language { $locale }
packet-log = Log of this case: { $count } entries, each with its hash and the hash before it
packet-checkpoint = Signed checkpoint of the log, covering every entry above
packet-key = The store's public key, to verify the checkpoint (vigil audit verify):
key-packet = Evidence packet (PDF) of this case
packet-written = Evidence packet of { $id } written to { $path }.
packet-failed = No evidence packet of { $id } was written: { $reason }
packet-button = Evidence packet
packet-image-purged = purged under the retention policy
packet-image-none = not stored (see the hints)
packet-proof = Any entry's inclusion in this checkpoint is proven offline with vigil audit receipt SEQ and vigil audit verify --receipt.
