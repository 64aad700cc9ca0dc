# A hint's explanation, worded from its evidence (src/hint_explain.rs names the arguments).

hint-explain-file-unsupported_type = File { $file } is { $detected }, not JPEG, PNG or PDF.
hint-explain-file-unsupported_type-extension = File { $file } has an extension the policy does not accept (accepted: { $accepted }).
hint-explain-file-unreadable = File { $file } cannot be read: { $problem }
hint-explain-file-unreadable-missing = File { $file } is missing from the bundle.
hint-explain-file-unreadable-broken = File { $file } ({ $type }) is damaged: { $problem }
hint-explain-submission-missing_image = The submission has no { $missing } image.
hint-explain-image-low_resolution = The image is { $width } × { $height } pixels; at least { $minimum_0 } × { $minimum_1 } is needed.
hint-explain-image-blurry = The image is blurred (sharpness { $laplacian_variance }, at least { $threshold } expected; blur { $blur_effect }, at most { $blur_effect_threshold }).
hint-explain-image-glare = Glare covers { $fraction_percent }% of the image (at most { $threshold_percent }% allowed).
hint-explain-image-underexposed = The image is too dark: 95% of it is darker than { $p95 } of 255 (at least { $threshold } expected).
hint-explain-image-overexposed = The image is washed out: 95% of it is brighter than { $p05 } of 255 (at most { $threshold } expected).
hint-explain-image-grayscale = The image carries no colour (colourfulness { $colourfulness }, at least { $threshold } expected; { $chromatic_share_percent }% coloured pixels).
hint-explain-image-edited = The image was saved by { $editor } ({ $tag }: "{ $value }").
hint-explain-image-screenshot = The image is a PNG of { $width } × { $height } pixels, a screen size, as screen captures are saved, and its metadata names no camera.
hint-explain-image-screenshot-tagged = The image is a screen capture ({ $tag }: "{ $value }").
hint-explain-image-reused = The image matches the { $slot } image of case { $case }, another applicant ({ $distance } of 64 bits differ; { $threshold } or fewer count as the same).
hint-explain-document-expired = The document expired on { $expiry_date }, before the submission date { $submission_date }.
hint-explain-document-type_unsupported = Document type { $type } is not supported for this client (supported: { $supported }).
hint-explain-document-type_mismatch = The applicant selected { $selected }, but the MRZ (code { $mrz_document_code }, { $mrz_format }) is of { $mrz_kind }.
hint-explain-document-country_unsupported = Documents issued by { $issuing_country } are not supported for this client (supported: { $supported }).
hint-explain-mrz-malformed = The MRZ is not a TD1, TD2, TD3, MRV-A or MRV-B zone: { $problem }
hint-explain-mrz-checksum_invalid = { $fields_count ->
    [one] MRZ check digit wrong: { $fields }.
   *[other] MRZ check digits wrong: { $fields }.
}
hint-explain-mrz-data_mismatch = The MRZ disagrees with the declared { $fields }.
hint-explain-applicant-underage = The applicant was { $age } on the submission date; the client requires { $minimum_age }.
hint-explain-applicant-underage-unborn = The date of birth { $date_of_birth } is after the submission date { $submission_date }.
hint-explain-face-none = No face found (none scored the confidence of at least { $min_confidence } the policy counts).
hint-explain-face-multiple = { $faces } faces (confidences { $confidences }; the policy counts faces from { $min_confidence }).
hint-explain-face-mismatch = The selfie face is unlikely to be the document holder (distance { $distance }, limit { $threshold }).
hint-explain-liveness-static = The { $differences_count } liveness frames are near-identical (differences { $differences } grey levels; at least { $threshold } expected).
hint-explain-liveness-incomplete = { $frames } of { $expected } liveness frames were captured.
hint-explain-history-repeat_attempt = Also submitted with the same document and date of birth: { $cases }.
hint-explain-history-document_reused = Document { $document_numbers } was submitted under another name or date of birth: { $cases }.
