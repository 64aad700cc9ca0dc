# Vigil: noraidīšanas iemesli, kategorijas, ziņojumi pieteicējam un norāžu nosaukumi (latviešu valodā).
# Iemeslu ziņojumu identifikatori: reason-<kods, kurā "." aizstāts ar "-">-label|description|applicant.

## Categories

category-fraud = Krāpšana
category-manipulation = Informācijas manipulācija
category-security = Drošības elementi
category-biometric = Attēli
category-visibility = Redzamība
category-validity = Derīgums
category-other = Citi

## Finality

finality-retry = Var mēģināt vēlreiz
finality-final = Galīgs

## Applicant outcome messages

applicant-approved = Jūsu identitāte ir pārbaudīta. Varat turpināt.
applicant-escalated = Jūsu verifikācijai nepieciešama papildu pārbaude. Mēs ar jums sazināsimies, kad tā būs pabeigta; pašlaik jums nekas nav jādara.
applicant-rejected-retry-intro = Mums neizdevās pārbaudīt jūsu identitāti, pamatojoties uz iesniegtajiem dokumentiem un attēliem. Lūdzu, iepazīstieties ar tālāk norādītajiem iemesliem un mēģiniet vēlreiz.
applicant-rejected-final-intro = Mums neizdevās pārbaudīt jūsu identitāti, un šis lēmums ir galīgs.
applicant-rejected-neutral = Mums neizdevās pārbaudīt jūsu identitāti. Šis lēmums ir galīgs, un jaunu mēģinājumu pieņemt nav iespējams.

## Reasons: fraud

reason-fraud-forged_document-label = Viltots dokuments
reason-fraud-forged_document-description = Personu apliecinošais dokuments ir pilnībā viltots. Izmantojiet, ja dokuments kopumā nav īsts, nevis tikai vietām mainīts.
reason-fraud-forged_document-applicant = Mums neizdevās pārbaudīt jūsu identitāti. Šis lēmums ir galīgs, un jaunu mēģinājumu pieņemt nav iespējams.

reason-fraud-social_engineering-label = Sociālās inženierijas upuris
reason-fraud-social_engineering-description = Verifikācija, šķiet, ir sociālās inženierijas rezultāts: pieteicējs tika apmānīts, piemēram, lai veiktu pārbaudi citas personas vietā. Pieteicējs ir upuris un netiek apsūdzēts krāpšanā.
reason-fraud-social_engineering-applicant = Mēs nevarējām pabeigt šo verifikāciju. Ja kāds jums lūdza vai piedāvāja samaksu, lai jūs veiktu identitātes pārbaudi viņa vietā vai kontam, kas nav jūsu, lūdzu, pārtrauciet to un nenododiet šai personai savus dokumentus. Sazinieties ar mūsu atbalsta komandu, un mēs jums palīdzēsim.

reason-fraud-identity_theft-label = Identitātes zādzības mēģinājums
reason-fraud-identity_theft-description = Pieteicējs mēģināja izmantot citas personas identitāti, piemēram, kāda cita dokumentu vai attēlus.
reason-fraud-identity_theft-applicant = Mums neizdevās pārbaudīt jūsu identitāti. Šis lēmums ir galīgs, un jaunu mēģinājumu pieņemt nav iespējams.

reason-fraud-front_tampered-label = Mainīta dokumenta priekšpuse
reason-fraud-front_tampered-description = Personu apliecinošā dokumenta priekšpuse ir digitāli mainīta. Izmantojiet, ja priekšpusē ir atrastas attēlu apstrādes pēdas.
reason-fraud-front_tampered-applicant = Mums neizdevās pārbaudīt jūsu identitāti. Šis lēmums ir galīgs, un jaunu mēģinājumu pieņemt nav iespējams.

reason-fraud-back_tampered-label = Mainīta dokumenta aizmugure
reason-fraud-back_tampered-description = Personu apliecinošā dokumenta aizmugure ir digitāli mainīta. Izmantojiet, ja aizmugurē ir atrastas attēlu apstrādes pēdas.
reason-fraud-back_tampered-applicant = Mums neizdevās pārbaudīt jūsu identitāti. Šis lēmums ir galīgs, un jaunu mēģinājumu pieņemt nav iespējams.

reason-fraud-other-label = Cita krāpšana
reason-fraud-other-description = Konstatēta krāpšana, kas neatbilst nevienai citai krāpšanas kategorijai. Izmantojiet tikai tad, ja neder neviens konkrētāks iemesls.
reason-fraud-other-applicant = Mums neizdevās pārbaudīt jūsu identitāti. Šis lēmums ir galīgs, un jaunu mēģinājumu pieņemt nav iespējams.

## Reasons: information manipulation

reason-manipulation-document_manipulated-label = Manipulēts dokuments
reason-manipulation-document_manipulated-description = Dokumentā ir veiktas manipulācijas, piemēram, mainīti lauki vai nomainīts fotoattēls.
reason-manipulation-document_manipulated-applicant = Mums neizdevās pārbaudīt jūsu identitāti. Šis lēmums ir galīgs, un jaunu mēģinājumu pieņemt nav iespējams.

reason-manipulation-data_inconsistent-label = Pretrunīgi dokumenta dati
reason-manipulation-data_inconsistent-description = Dokumenta dati ir savstarpēji pretrunīgi, piemēram, vizuālajā zonā un mašīnlasāmajā zonā (MRZ) norādītā informācija atšķiras.
reason-manipulation-data_inconsistent-applicant = Mums neizdevās pārbaudīt jūsu identitāti. Šis lēmums ir galīgs, un jaunu mēģinājumu pieņemt nav iespējams.

reason-manipulation-document_altered-label = Mainītas dokumenta puses
reason-manipulation-document_altered-description = Viena vai abas dokumenta puses ir mainītas, vai arī viena puse ir ņemta no cita dokumenta.
reason-manipulation-document_altered-applicant = Mums neizdevās pārbaudīt jūsu identitāti. Šis lēmums ir galīgs, un jaunu mēģinājumu pieņemt nav iespējams.

reason-manipulation-field_manipulated-label = Aizsegti vai mainīti lauki
reason-manipulation-field_manipulated-description = Atsevišķi dokumenta lauki ir apzināti aizsegti vai mainīti.
reason-manipulation-field_manipulated-applicant = Mums neizdevās pārbaudīt jūsu identitāti. Šis lēmums ir galīgs, un jaunu mēģinājumu pieņemt nav iespējams.

reason-manipulation-checksum_incorrect-label = Nepareizi kontrolcipari
reason-manipulation-checksum_incorrect-description = Dokumenta kontrolcipari, piemēram, mašīnlasāmajā zonā (MRZ), ir nepareizi, kas liecina par datu maiņu.
reason-manipulation-checksum_incorrect-applicant = Mums neizdevās pārbaudīt jūsu identitāti. Šis lēmums ir galīgs, un jaunu mēģinājumu pieņemt nav iespējams.

## Reasons: security features

reason-security-feature_altered-label = Mainīti drošības elementi
reason-security-feature_altered-description = Ir veiktas izmaiņas dokumenta drošības elementos, piemēram, UV tintē, svītrkodā vai ēnas attēlā.
reason-security-feature_altered-applicant = Mums neizdevās pārbaudīt jūsu identitāti. Šis lēmums ir galīgs, un jaunu mēģinājumu pieņemt nav iespējams.

reason-security-feature_digitally_altered-label = Digitāli mainīti drošības elementi
reason-security-feature_digitally_altered-description = Dokumenta drošības elementi ir digitāli mainīti, piemēram, ar attēlu apstrādes programmatūru.
reason-security-feature_digitally_altered-applicant = Mums neizdevās pārbaudīt jūsu identitāti. Šis lēmums ir galīgs, un jaunu mēģinājumu pieņemt nav iespējams.

## Reasons: images

reason-biometric-face_mismatch-label = Seja neatbilst dokumentam
reason-biometric-face_mismatch-description = Persona pašbildē nav tā pati persona, kas redzama dokumentā.
reason-biometric-face_mismatch-applicant = Mums neizdevās pārbaudīt jūsu identitāti. Šis lēmums ir galīgs, un jaunu mēģinājumu pieņemt nav iespējams.

reason-biometric-characteristics_mismatch-label = Fiziskās pazīmes neatbilst
reason-biometric-characteristics_mismatch-description = Dokumentā norādītās fiziskās pazīmes, piemēram, augums, acu krāsa vai vecums, neatbilst attēlos redzamajai personai.
reason-biometric-characteristics_mismatch-applicant = Mums neizdevās pārbaudīt jūsu identitāti. Šis lēmums ir galīgs, un jaunu mēģinājumu pieņemt nav iespējams.

reason-biometric-liveness_manipulated-label = Manipulēti dzīvīguma attēli
reason-biometric-liveness_manipulated-description = Dzīvīguma pārbaudes ieraksts un tā attēli ir digitāli mainīti.
reason-biometric-liveness_manipulated-applicant = Mums neizdevās pārbaudīt jūsu identitāti. Šis lēmums ir galīgs, un jaunu mēģinājumu pieņemt nav iespējams.

reason-biometric-liveness_left_manipulated-label = Manipulēts kreisais dzīvīguma attēls
reason-biometric-liveness_left_manipulated-description = Dzīvīguma pārbaudes kreisās puses attēls ir digitāli mainīts.
reason-biometric-liveness_left_manipulated-applicant = Mums neizdevās pārbaudīt jūsu identitāti. Šis lēmums ir galīgs, un jaunu mēģinājumu pieņemt nav iespējams.

reason-biometric-liveness_right_manipulated-label = Manipulēts labais dzīvīguma attēls
reason-biometric-liveness_right_manipulated-description = Dzīvīguma pārbaudes labās puses attēls ir digitāli mainīts.
reason-biometric-liveness_right_manipulated-applicant = Mums neizdevās pārbaudīt jūsu identitāti. Šis lēmums ir galīgs, un jaunu mēģinājumu pieņemt nav iespējams.

reason-biometric-liveness_failed-label = Dzīvīguma pārbaude neizdevās
reason-biometric-liveness_failed-description = Dzīvīgumu neizdevās apstiprināt, piemēram, kamerai tika pietuvināts fotoattēls vai pašbildē un dzīvīguma pārbaudē redzami dažādi cilvēki. Pieteicējs var mēģināt vēlreiz.
reason-biometric-liveness_failed-applicant = Mums neizdevās apstiprināt, ka dzīvīguma pārbaudi (Liveness) veicāt jūs personīgi. Lūdzu, veiciet to vēlreiz labā apgaismojumā, skatoties tieši kamerā un ievērojot norādījumus ekrānā, un netuviniet kamerai fotoattēlu vai ekrānu.

reason-biometric-other_people-label = Pašbildē ir citi cilvēki
reason-biometric-other_people-description = Pašbildē bez pieteicēja ir redzami arī citi cilvēki.
reason-biometric-other_people-applicant = Jūsu pašbildē ir redzami citi cilvēki. Lūdzu, uzņemiet pašbildi vēlreiz un pārliecinieties, ka fotoattēlā esat tikai jūs.

## Reasons: visibility

reason-visibility-face_not_visible-label = Seja nav skaidri redzama
reason-visibility-face_not_visible-description = Seja nav skaidri redzama pašbildē, dzīvīguma pārbaudē vai dokumentā apgaismojuma vai aizsegšanas dēļ.
reason-visibility-face_not_visible-applicant = Jūsu seja nebija skaidri redzama. Lūdzu, mēģiniet vēlreiz labā, vienmērīgā apgaismojumā un pārliecinieties, ka visa seja ir redzama un to nekas neaizsedz, piemēram, cepure, maska vai roka.

reason-visibility-photo_not_visible-label = Dokumenta foto nav redzams
reason-visibility-photo_not_visible-description = Dokumenta fotoattēls nav skaidri redzams atspulga, ēnas vai pirksta dēļ.
reason-visibility-photo_not_visible-applicant = Fotoattēls jūsu dokumentā nebija skaidri redzams. Lūdzu, nofotografējiet dokumentu vēlreiz labā apgaismojumā bez mirdzuma un ēnām un neaizsedziet fotoattēlu ar pirkstiem.

reason-visibility-security_features_not_visible-label = Drošības elementi nav redzami
reason-visibility-security_features_not_visible-description = Dokumenta drošības elementi nav redzami, piemēram, tāpēc, ka karte netika sasvērta vai attēlā ir mirdzums.
reason-visibility-security_features_not_visible-applicant = Mēs nevarējām saskatīt jūsu dokumenta drošības elementus. Lūdzu, mēģiniet vēlreiz labā apgaismojumā bez mirdzuma un, kad tas tiek prasīts, nedaudz sasveriet karti, lai drošības elementi kļūtu redzami.

reason-visibility-poor_image_quality-label = Slikta attēla kvalitāte
reason-visibility-poor_image_quality-description = Viss dokuments nav redzams vai lasāms, vai arī attēlā ir mirdzums vai tas ir izplūdis.
reason-visibility-poor_image_quality-applicant = Attēla kvalitāte bija pārāk zema. Lūdzu, nofotografējiet oriģinālo dokumentu labā apgaismojumā un pārliecinieties, ka viss dokuments ir redzams un lasāms, attēls ir ass un fotoattēlā nav mirdzuma.

reason-visibility-glasses-label = Brilles dzīvīguma pārbaudē
reason-visibility-glasses-description = Pieteicējs dzīvīguma pārbaudes laikā valkāja brilles. Parastās brilles ir pieļaujamas, ja tās ir redzamas arī dokumenta fotoattēlā.
reason-visibility-glasses-applicant = Dzīvīguma pārbaudes (Liveness) laikā jūs valkājāt brilles. Lūdzu, noņemiet brilles un mēģiniet vēlreiz; parastās brilles drīkst paturēt tikai tad, ja tās ir redzamas arī jūsu dokumenta fotoattēlā.

## Reasons: validity

reason-validity-photo_invalid-label = Foto neatbilst prasībām
reason-validity-photo_invalid-description = Dokumenta fotoattēls vai personas fotoattēls neatbilst pārbaudes kvalitātes standartiem.
reason-validity-photo_invalid-applicant = Jūsu fotoattēls neatbilda mūsu kvalitātes prasībām. Lūdzu, uzņemiet jaunu, asu krāsainu fotoattēlu labā apgaismojumā bez mirdzuma, lai jūsu seja un viss dokuments būtu skaidri redzami.

reason-validity-document_invalid-label = Nederīgs dokuments
reason-validity-document_invalid-description = Dokuments ir nederīgs kāda cita iemesla dēļ, ko neaptver citi derīguma iemesli.
reason-validity-document_invalid-applicant = Iesniegto dokumentu nevar izmantot verifikācijai. Lūdzu, mēģiniet vēlreiz ar derīgu, nebojātu pasi vai personas apliecību (ID karti).

reason-validity-document_expired-label = Beidzies derīguma termiņš
reason-validity-document_expired-description = Dokumenta derīguma termiņš ir beidzies. Izmantojiet, ja derīguma termiņš beidzies pirms iesniegšanas datuma.
reason-validity-document_expired-applicant = Jūsu dokumenta derīguma termiņš ir beidzies. Lūdzu, mēģiniet vēlreiz ar derīgu pasi vai personas apliecību (ID karti), kuras derīguma termiņš nav beidzies.

reason-validity-black_and_white-label = Melnbalts fotoattēls
reason-validity-black_and_white-description = Fotoattēls ir melnbalts; nepieciešams krāsains fotoattēls.
reason-validity-black_and_white-applicant = Jūsu fotoattēls ir melnbalts. Lūdzu, augšupielādējiet krāsainu sava oriģinālā dokumenta fotoattēlu.

reason-validity-edited_or_screenshot-label = Rediģēts foto vai ekrānuzņēmums
reason-validity-edited_or_screenshot-description = Augšupielādētais attēls ir rediģēts ar attēlu apstrādes programmatūru, ir ekrānuzņēmums vai fotoattēla fotoattēls.
reason-validity-edited_or_screenshot-applicant = Augšupielādētais attēls, šķiet, ir rediģēts, ir ekrānuzņēmums vai fotoattēla fotoattēls. Lūdzu, nofotografējiet oriģinālo dokumentu tieši ar kameru un augšupielādējiet attēlu bez rediģēšanas.

reason-validity-signature_missing-label = Nav paraksta
reason-validity-signature_missing-description = Dokumentā nav tā turētāja paraksta.
reason-validity-signature_missing-applicant = Jūsu dokumentā nav jūsu paraksta. Lūdzu, pārliecinieties, ka izmantotajā dokumentā ir jūsu paraksts, vai izmantojiet citu derīgu dokumentu ar parakstu un mēģiniet vēlreiz.

## Reasons: other

reason-other-document_unsupported-label = Neatbalstīts dokumenta veids
reason-other-document_unsupported-description = Dokumenta veids netiek atbalstīts. Atbalstītie dokumenti ir pase un personas apliecība (ID karte).
reason-other-document_unsupported-applicant = Šis dokumenta veids netiek atbalstīts. Lūdzu, mēģiniet vēlreiz, izmantojot pasi vai personas apliecību (ID karti).

reason-other-wrong_document_type-label = Nepareizs dokumenta tips
reason-other-wrong_document_type-description = Augšupielādētais dokuments atšķiras no pieteicēja izvēlētā dokumenta veida.
reason-other-wrong_document_type-applicant = Augšupielādētais dokuments neatbilst izvēlētajam dokumenta veidam. Lūdzu, izvēlieties pareizo dokumenta veidu un augšupielādējiet tieši šī dokumenta fotoattēlu.

reason-other-country_unsupported-label = Neatbalstīta izdevējvalsts
reason-other-country_unsupported-description = Valsts, kas izdevusi dokumentu, netiek atbalstīta.
reason-other-country_unsupported-applicant = Šajā valstī izdoti dokumenti netiek atbalstīti. Lūdzu, mēģiniet vēlreiz ar dokumentu, kas izdots kādā no atbalstītajām valstīm.

reason-other-file_unsupported-label = Neatbalstīts fails
reason-other-file_unsupported-description = Fails nav jpg, jpeg, png vai pdf formātā.
reason-other-file_unsupported-applicant = Šis faila veids netiek atbalstīts. Mēs pieņemam jpg, jpeg, png un pdf failus; lūdzu, augšupielādējiet dokumentu kādā no šiem formātiem.

reason-other-document_damaged-label = Bojāts dokuments
reason-other-document_damaged-description = Dokuments ir bojāts.
reason-other-document_damaged-applicant = Jūsu dokuments, šķiet, ir bojāts. Lūdzu, mēģiniet vēlreiz ar derīgu, nebojātu dokumentu.

reason-other-wrong_side_scanned-label = Skenēta nepareiza puse vai lapa
reason-other-wrong_side_scanned-description = Skenēta cita dokumenta daļa, nekā tika prasīts, piemēram, priekšpuse aizmugures vietā vai nepareiza pases lapa.
reason-other-wrong_side_scanned-applicant = Tika skenēta nepareiza jūsu dokumenta puse vai lapa. Lūdzu, ievērojiet norādījumus ekrānā un skenējiet pieprasīto pusi vai, ja tā ir pase, lapu ar jūsu fotoattēlu.

reason-other-not_performed_by_subject-label = Darbības neveica pieteicējs
reason-other-not_performed_by_subject-description = Verifikācijas darbības veica cita persona, nevis pieteicējs. Tas ir pārpratums, nevis krāpšana, un pieteicējs var mēģināt vēlreiz.
reason-other-not_performed_by_subject-applicant = Visas verifikācijas darbības jums jāveic personīgi. Lūdzu, sāciet no jauna un katru soli, arī pašbildi, veiciet personīgi.

reason-other-underage-label = Nav sasniegts minimālais vecums
reason-other-underage-description = Pieteicējs ir jaunāks par klienta noteikto minimālo vecumu. Lēmums ir galīgs, taču tā nav krāpšana.
reason-other-underage-applicant = Šis pakalpojums ir pieejams tikai personām, kuras ir sasniegušas tā noteikto minimālo vecumu. Tā kā jūs vēl neatbilstat šai vecuma prasībai, mēs nevaram pabeigt jūsu verifikāciju šim pakalpojumam.

reason-other-camera_problem-label = Kameras problēmas
reason-other-camera_problem-description = Tīmekļa kameras vai video problēmu dēļ neizdevās iegūt izmantojamu ierakstu.
reason-other-camera_problem-applicant = Radās problēma ar jūsu kameru vai video. Lūdzu, mēģiniet vēlreiz, izmantojot citu ierīci, piemēram, viedtālruni, planšetdatoru vai datoru ar strādājošu kameru.

reason-other-connection_problem-label = Savienojuma problēmas
reason-other-connection_problem-description = Uzņemšanas laikā pārtrūka savienojums.
reason-other-connection_problem-applicant = Verifikācijas laikā pārtrūka jūsu interneta savienojums. Visa procesa laikā ir nepieciešams stabils savienojums, tāpēc, lūdzu, mēģiniet vēlreiz, piemēram, izmantojot viedtālruņa internetu vai citu Wi-Fi tīklu.

reason-other-camera_permission-label = Nav atļauta piekļuve kamerai
reason-other-camera_permission-description = Pārlūkprogrammai netika atļauts izmantot kameru.
reason-other-camera_permission-applicant = Jūs neatļāvāt pārlūkprogrammai piekļūt kamerai. Lūdzu, atļaujiet piekļuvi kamerai, kad pārlūkprogramma to lūdz, un mēģiniet vēlreiz.

reason-other-verification_invalid-label = Nederīga verifikācija
reason-other-verification_invalid-description = Jebkurš cits verifikācijas noraidīšanas iemesls. Izmantojiet tikai tad, ja neder neviens konkrētāks iemesls.
reason-other-verification_invalid-applicant = Mums neizdevās pabeigt jūsu verifikāciju. Lūdzu, pārliecinieties, ka dokuments ir derīgs un skaidri redzams, un mēģiniet vēlreiz; ja problēma atkārtojas, sazinieties ar mūsu atbalsta komandu.

## Hint titles

hint-file-unsupported_type = Neatbalstīts faila veids
hint-file-unreadable = Nelasāms fails
hint-submission-missing_image = Trūkst attēla
hint-image-low_resolution = Zema izšķirtspēja
hint-image-blurry = Izplūdis attēls
hint-image-glare = Mirdzums attēlā
hint-image-underexposed = Pārāk tumšs attēls
hint-image-overexposed = Pārgaismots attēls
hint-image-grayscale = Melnbalts attēls
hint-image-edited = Rediģēts ar attēlu apstrādes programmu
hint-image-screenshot = Iespējams ekrānuzņēmums
hint-image-reused = Attēls izmantots citā pieteikumā
hint-document-expired = Beidzies derīguma termiņš
hint-document-type_unsupported = Neatbalstīts dokumenta veids
hint-document-type_mismatch = Dokumenta veids nesakrīt
hint-document-country_unsupported = Neatbalstīta izdevējvalsts
hint-mrz-malformed = Nepareizs MRZ formāts
hint-mrz-checksum_invalid = Nepareizs MRZ kontrolcipars
hint-mrz-data_mismatch = MRZ nesakrīt ar norādītajiem datiem
hint-applicant-underage = Pieteicējs jaunāks par minimālo vecumu
hint-face-none = Seja nav atrasta
hint-face-multiple = Vairākas sejas
hint-face-mismatch = Sejas nesakrīt
hint-liveness-static = Dzīvīguma kadros nav kustības
hint-liveness-incomplete = Nepilnīgs dzīvīguma ieraksts
hint-history-repeat_attempt = Atkārtots mēģinājums
hint-history-document_reused = Dokumenta numurs atkārtoti izmantots
