# Pazīmes skaidrojums, veidots no tās pierādījumiem (argumentus nosauc src/hint_explain.rs).

hint-explain-file-unsupported_type = Fails { $file } ir { $detected }, nevis JPEG, PNG vai PDF.
hint-explain-file-unsupported_type-extension = Faila { $file } paplašinājumu politika nepieņem (pieņem: { $accepted }).
hint-explain-file-unreadable = Failu { $file } nevar nolasīt: { $problem }
hint-explain-file-unreadable-missing = Faila { $file } komplektā nav.
hint-explain-file-unreadable-broken = Fails { $file } ({ $type }) ir bojāts: { $problem }
hint-explain-submission-missing_image = Iesniegumā nav attēla: { $missing }.
hint-explain-image-low_resolution = Attēls ir { $width } × { $height } pikseļi; vajag vismaz { $minimum_0 } × { $minimum_1 }.
hint-explain-image-blurry = Attēls ir izplūdis (asums { $laplacian_variance }, gaidīts vismaz { $threshold }; izplūdums { $blur_effect }, pieļaujams līdz { $blur_effect_threshold }).
hint-explain-image-glare = Atspīdums klāj { $fraction_percent }% attēla (pieļaujams līdz { $threshold_percent }%).
hint-explain-image-underexposed = Attēls ir pārāk tumšs: 95% tā ir tumšāki par { $p95 } no 255 (gaidīts vismaz { $threshold }).
hint-explain-image-overexposed = Attēls ir pārgaismots: 95% tā ir gaišāki par { $p05 } no 255 (pieļaujams līdz { $threshold }).
hint-explain-image-grayscale = Attēlā nav krāsu (krāsainība { $colourfulness }, gaidīts vismaz { $threshold }; { $chromatic_share_percent }% krāsainu pikseļu).
hint-explain-image-edited = Attēlu saglabājusi programma { $editor } ({ $tag }: „{ $value }”).
hint-explain-image-screenshot = Attēls ir PNG fails ar { $width } × { $height } pikseļiem, ekrāna izmēru, kā tiek saglabāti ekrānuzņēmumi, un tā metadatos nav nosaukta kamera.
hint-explain-image-screenshot-tagged = Attēls ir ekrānuzņēmums ({ $tag }: „{ $value }”).
hint-explain-image-reused = Attēls sakrīt ar lietas { $case } attēlu “{ $slot }”, kas ir cita pieteicēja ({ $distance } no 64 bitiem atšķiras; par vienu un to pašu uzskata { $threshold } vai mazāk).
hint-explain-document-expired = Dokumenta derīgums beidzās { $expiry_date }, pirms iesniegšanas dienas { $submission_date }.
hint-explain-document-type_unsupported = Dokumenta veids “{ $type }” šim klientam netiek atbalstīts (atbalsta: { $supported }).
hint-explain-document-type_mismatch = Pieteicējs izvēlējās “{ $selected }”, bet MRZ (kods { $mrz_document_code }, { $mrz_format }) ir dokumentam “{ $mrz_kind }”.
hint-explain-document-country_unsupported = Valsts { $issuing_country } izdotie dokumenti šim klientam netiek atbalstīti (atbalsta: { $supported }).
hint-explain-mrz-malformed = MRZ nav TD1, TD2, TD3, MRV-A vai MRV-B zona: { $problem }
hint-explain-mrz-checksum_invalid = { $fields_count ->
    [one] Nepareizs MRZ kontrolcipars: { $fields }.
   *[other] Nepareizi MRZ kontrolcipari: { $fields }.
}
hint-explain-mrz-data_mismatch = MRZ nesakrīt ar deklarētajiem datiem: { $fields }.
hint-explain-applicant-underage = Iesniegšanas dienā pieteicējam bija { $age } gadi; klients prasa { $minimum_age }.
hint-explain-applicant-underage-unborn = Dzimšanas datums { $date_of_birth } ir pēc iesniegšanas dienas { $submission_date }.
hint-explain-face-none = Seja nav atrasta (nevienai nav politikas prasītās ticamības, vismaz { $min_confidence }).
hint-explain-face-multiple = Atrastas { $faces } sejas (ticamība { $confidences }; politika skaita sejas no { $min_confidence }).
hint-explain-face-mismatch = Pašbildes seja, visticamāk, nav dokumenta īpašnieka (attālums { $distance }, robeža { $threshold }).
hint-explain-liveness-static = { $differences_count } dzīvīguma kadri ir gandrīz vienādi (atšķirības { $differences } pelēkā līmeņi; gaidīts vismaz { $threshold }).
hint-explain-liveness-incomplete = Uzņemti { $frames } no { $expected } dzīvīguma kadriem.
hint-explain-history-repeat_attempt = Ar to pašu dokumentu un dzimšanas datumu iesniegts arī: { $cases }.
hint-explain-history-document_reused = Dokuments { $document_numbers } iesniegts ar citu vārdu vai dzimšanas datumu: { $cases }.
