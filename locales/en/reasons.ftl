# Vigil: rejection reasons, categories, applicant messages and hint titles (English).
# Reason message identifiers: reason-<code with "." replaced by "-">-label|description|applicant.

## Categories

category-fraud = Fraud
category-manipulation = Information manipulation
category-security = Security features
category-biometric = Images
category-visibility = Visibility
category-validity = Validity
category-other = Other

## Finality

finality-retry = Can retry
finality-final = Final

## Applicant outcome messages

applicant-approved = Your identity has been verified. You can continue.
applicant-escalated = Your verification needs an additional review. We will contact you once it is complete; there is nothing you need to do now.
applicant-rejected-retry-intro = We could not verify your identity from this submission. Please check the reasons below and try again.
applicant-rejected-final-intro = We could not verify your identity, and this decision is final.
applicant-rejected-neutral = We could not verify your identity. This decision is final, and a new attempt cannot be accepted.

## Reasons: fraud

reason-fraud-forged_document-label = Forged document
reason-fraud-forged_document-description = The ID document is entirely fraudulent. Use it when the document as a whole is not genuine, not merely altered in places.
reason-fraud-forged_document-applicant = We could not verify your identity. This decision is final, and a new attempt cannot be accepted.

reason-fraud-social_engineering-label = Social engineering victim
reason-fraud-social_engineering-description = The verification looks like the result of social engineering: the applicant was tricked into it, for example into verifying for someone else. The applicant is the victim and is not accused of fraud.
reason-fraud-social_engineering-applicant = We could not complete this verification. If someone asked you, or offered to pay you, to verify your identity for them or for an account that is not yours, please stop and do not share your documents with them. Contact our support team and we will help you.

reason-fraud-identity_theft-label = Identity theft attempt
reason-fraud-identity_theft-description = The applicant tried to use someone else's identity, for example another person's document or images.
reason-fraud-identity_theft-applicant = We could not verify your identity. This decision is final, and a new attempt cannot be accepted.

reason-fraud-front_tampered-label = Front side tampered
reason-fraud-front_tampered-description = The front of the ID document was digitally altered. Use it when traces of image editing are found on the front side.
reason-fraud-front_tampered-applicant = We could not verify your identity. This decision is final, and a new attempt cannot be accepted.

reason-fraud-back_tampered-label = Back side tampered
reason-fraud-back_tampered-description = The back of the ID document was digitally altered. Use it when traces of image editing are found on the back side.
reason-fraud-back_tampered-applicant = We could not verify your identity. This decision is final, and a new attempt cannot be accepted.

reason-fraud-other-label = Other fraud
reason-fraud-other-description = Fraud was detected that fits no other fraud category. Use it only when no more specific reason applies.
reason-fraud-other-applicant = We could not verify your identity. This decision is final, and a new attempt cannot be accepted.

## Reasons: information manipulation

reason-manipulation-document_manipulated-label = Document manipulated
reason-manipulation-document_manipulated-description = The document was manipulated, for example fields were changed or the photo was replaced.
reason-manipulation-document_manipulated-applicant = We could not verify your identity. This decision is final, and a new attempt cannot be accepted.

reason-manipulation-data_inconsistent-label = Inconsistent document data
reason-manipulation-data_inconsistent-description = The data on the document contradicts itself, for example the visual zone and the machine-readable zone (MRZ) show different information.
reason-manipulation-data_inconsistent-applicant = We could not verify your identity. This decision is final, and a new attempt cannot be accepted.

reason-manipulation-document_altered-label = Document sides altered
reason-manipulation-document_altered-description = One or both sides of the document were altered, or one side was taken from a different document.
reason-manipulation-document_altered-applicant = We could not verify your identity. This decision is final, and a new attempt cannot be accepted.

reason-manipulation-field_manipulated-label = Fields hidden or changed
reason-manipulation-field_manipulated-description = Individual fields of the document were deliberately hidden or changed.
reason-manipulation-field_manipulated-applicant = We could not verify your identity. This decision is final, and a new attempt cannot be accepted.

reason-manipulation-checksum_incorrect-label = Incorrect check digits
reason-manipulation-checksum_incorrect-description = The document's check digits, for example in the MRZ, are wrong, which indicates that the data was changed.
reason-manipulation-checksum_incorrect-applicant = We could not verify your identity. This decision is final, and a new attempt cannot be accepted.

## Reasons: security features

reason-security-feature_altered-label = Security features tampered
reason-security-feature_altered-description = Security features such as UV ink, the barcode or the ghost image were tampered with.
reason-security-feature_altered-applicant = We could not verify your identity. This decision is final, and a new attempt cannot be accepted.

reason-security-feature_digitally_altered-label = Security features digitally altered
reason-security-feature_digitally_altered-description = The document's security features were altered digitally, for example with photo-editing software.
reason-security-feature_digitally_altered-applicant = We could not verify your identity. This decision is final, and a new attempt cannot be accepted.

## Reasons: images

reason-biometric-face_mismatch-label = Face does not match document
reason-biometric-face_mismatch-description = The person in the selfie is not the person shown on the document.
reason-biometric-face_mismatch-applicant = We could not verify your identity. This decision is final, and a new attempt cannot be accepted.

reason-biometric-characteristics_mismatch-label = Physical characteristics mismatch
reason-biometric-characteristics_mismatch-description = Physical characteristics stated on the document, such as height, eye colour or age, do not match the person in the images.
reason-biometric-characteristics_mismatch-applicant = We could not verify your identity. This decision is final, and a new attempt cannot be accepted.

reason-biometric-liveness_manipulated-label = Liveness images manipulated
reason-biometric-liveness_manipulated-description = The liveness capture and its images were digitally altered.
reason-biometric-liveness_manipulated-applicant = We could not verify your identity. This decision is final, and a new attempt cannot be accepted.

reason-biometric-liveness_left_manipulated-label = Left liveness image manipulated
reason-biometric-liveness_left_manipulated-description = The left image of the liveness check was digitally altered.
reason-biometric-liveness_left_manipulated-applicant = We could not verify your identity. This decision is final, and a new attempt cannot be accepted.

reason-biometric-liveness_right_manipulated-label = Right liveness image manipulated
reason-biometric-liveness_right_manipulated-description = The right image of the liveness check was digitally altered.
reason-biometric-liveness_right_manipulated-applicant = We could not verify your identity. This decision is final, and a new attempt cannot be accepted.

reason-biometric-liveness_failed-label = Liveness check failed
reason-biometric-liveness_failed-description = Liveness could not be verified, for example a photo was held up to the camera or different people appear in the selfie and the liveness capture. The applicant may try again.
reason-biometric-liveness_failed-applicant = We could not confirm that you took part in the live check in person. Please do it again yourself in good light, looking straight at the camera and following the on-screen instructions, and do not hold a photo or a screen up to the camera.

reason-biometric-other_people-label = Other people in selfie
reason-biometric-other_people-description = Other people besides the applicant appear in the selfie.
reason-biometric-other_people-applicant = Other people are visible in your selfie. Please take the selfie again and make sure that you are the only person in the picture.

## Reasons: visibility

reason-visibility-face_not_visible-label = Face not clearly visible
reason-visibility-face_not_visible-description = The face is not clearly visible in the selfie, the liveness capture or on the document, because of lighting or something covering it.
reason-visibility-face_not_visible-applicant = Your face was not clearly visible. Please try again in good, even light, and make sure your whole face is visible and not covered by anything such as a hat, a mask or your hand.

reason-visibility-photo_not_visible-label = Document photo not visible
reason-visibility-photo_not_visible-description = The photo on the document is not clearly visible because of a reflection, a shadow or a finger.
reason-visibility-photo_not_visible-applicant = The photo on your document was not clearly visible. Please photograph your document again in good light without glare or shadows, and keep your fingers off the photo.

reason-visibility-security_features_not_visible-label = Security features not visible
reason-visibility-security_features_not_visible-description = The document's security features are not visible, for example because the card was not tilted or because of glare.
reason-visibility-security_features_not_visible-applicant = We could not see the security features of your document. Please try again in good light without glare, and tilt the card slightly when asked so that its security features become visible.

reason-visibility-poor_image_quality-label = Poor image quality
reason-visibility-poor_image_quality-description = The whole document is not visible or readable, or the image has glare or is blurred.
reason-visibility-poor_image_quality-applicant = The image quality was too low. Please photograph your original document in good light and make sure the whole document is visible, sharp and readable, with no glare.

reason-visibility-glasses-label = Glasses during liveness
reason-visibility-glasses-description = The applicant wore glasses during the liveness check. Regular glasses are acceptable if they are also worn in the document photo.
reason-visibility-glasses-applicant = You were wearing glasses during the live check. Please take them off and try again; regular glasses may stay on only if you also wear them in your document photo.

## Reasons: validity

reason-validity-photo_invalid-label = Photo below quality standards
reason-validity-photo_invalid-description = The document photo or the photo of the person does not meet the quality standards for verification.
reason-validity-photo_invalid-applicant = Your photo did not meet our quality requirements. Please take a new, sharp colour photo in good light without glare, with your face and the whole document clearly visible.

reason-validity-document_invalid-label = Document invalid
reason-validity-document_invalid-description = The document is invalid for a reason that no other validity reason covers.
reason-validity-document_invalid-applicant = The document you submitted cannot be used for verification. Please try again with a valid, undamaged passport or national ID card.

reason-validity-document_expired-label = Document expired
reason-validity-document_expired-description = The document has expired. Use it when the expiry date is before the date of submission.
reason-validity-document_expired-applicant = Your document has expired. Please try again with a valid passport or national ID card that has not expired.

reason-validity-black_and_white-label = Black-and-white photo
reason-validity-black_and_white-description = The photo is black and white; a colour photo is required.
reason-validity-black_and_white-applicant = Your photo is black and white. Please upload a colour photo of your original document.

reason-validity-edited_or_screenshot-label = Edited image or screenshot
reason-validity-edited_or_screenshot-description = The upload was edited with image software, is a screenshot, or is a photo of a photo.
reason-validity-edited_or_screenshot-applicant = The uploaded image appears to be edited, a screenshot or a photo of a photo. Please photograph your original document directly with your camera and upload the picture without editing it.

reason-validity-signature_missing-label = Signature missing
reason-validity-signature_missing-description = The document does not carry the holder's signature.
reason-validity-signature_missing-applicant = Your document does not carry your signature. Please make sure the document you use is signed by you, or use another valid document that is, and try again.

## Reasons: other

reason-other-document_unsupported-label = Unsupported document type
reason-other-document_unsupported-description = The document type is not supported. Passports and national ID cards are supported.
reason-other-document_unsupported-applicant = This type of document is not supported. Please try again with your passport or national ID card.

reason-other-wrong_document_type-label = Wrong document type
reason-other-wrong_document_type-description = The uploaded document is of a different type than the one the applicant selected.
reason-other-wrong_document_type-applicant = The document you uploaded does not match the document type you selected. Please select the correct type and upload a photo of that same document.

reason-other-country_unsupported-label = Unsupported issuing country
reason-other-country_unsupported-description = The country that issued the document is not supported.
reason-other-country_unsupported-applicant = Documents issued by this country are not supported. Please try again with a document issued by one of the supported countries.

reason-other-file_unsupported-label = Unsupported file type
reason-other-file_unsupported-description = The file is not a jpg, jpeg, png or pdf file.
reason-other-file_unsupported-applicant = This file type is not supported. Please upload your document as a jpg, jpeg, png or pdf file.

reason-other-document_damaged-label = Document damaged
reason-other-document_damaged-description = The document is damaged.
reason-other-document_damaged-applicant = Your document appears to be damaged. Please try again with a valid, undamaged document.

reason-other-wrong_side_scanned-label = Wrong side or page scanned
reason-other-wrong_side_scanned-description = A different part of the document was scanned than was asked for, for example the front instead of the back, or the wrong passport page.
reason-other-wrong_side_scanned-applicant = The wrong side or page of your document was scanned. Please follow the on-screen instructions and scan the side that is requested, or for a passport the page with your photo.

reason-other-not_performed_by_subject-label = Steps not done by applicant
reason-other-not_performed_by_subject-description = Someone other than the applicant performed the verification steps. This was a misunderstanding, not fraud, and the applicant may try again.
reason-other-not_performed_by_subject-applicant = All verification steps must be completed by you personally. Please start again and complete every step yourself, including the selfie.

reason-other-underage-label = Below minimum age
reason-other-underage-description = The applicant is younger than the minimum age the client requires. The decision is final, but it is not fraud.
reason-other-underage-applicant = This service is only available to people who have reached the minimum age it requires. As you do not meet this age requirement yet, we cannot complete your verification for this service.

reason-other-camera_problem-label = Camera problem
reason-other-camera_problem-description = Webcam or video problems prevented a usable capture.
reason-other-camera_problem-applicant = There was a problem with your camera or video. Please try again with another device, such as a smartphone, tablet or computer with a working camera.

reason-other-connection_problem-label = Connection problem
reason-other-connection_problem-description = The connection failed during the capture.
reason-other-connection_problem-applicant = Your internet connection was interrupted during the verification. A stable connection is needed for the whole process, so please try again, for example using mobile data or another Wi-Fi network.

reason-other-camera_permission-label = Camera access not allowed
reason-other-camera_permission-description = The browser was not allowed to use the camera.
reason-other-camera_permission-applicant = Your browser was not allowed to use the camera. Please allow camera access when your browser asks for it and try again.

reason-other-verification_invalid-label = Verification invalid
reason-other-verification_invalid-description = Any other reason to reject the verification. Use it only when no more specific reason applies.
reason-other-verification_invalid-applicant = We could not complete your verification. Please make sure your document is valid and clearly visible and try again; if the problem continues, contact our support team.

## Hint titles

hint-file-unsupported_type = Unsupported file type
hint-file-unreadable = Unreadable file
hint-submission-missing_image = Missing image
hint-image-low_resolution = Low resolution
hint-image-blurry = Blurry image
hint-image-glare = Glare
hint-image-underexposed = Image too dark
hint-image-overexposed = Image overexposed
hint-image-grayscale = Black-and-white image
hint-image-edited = Edited with image software
hint-image-screenshot = Likely a screenshot
hint-image-reused = Image reused from another submission
hint-document-expired = Document expired
hint-document-type_unsupported = Unsupported document type
hint-document-type_mismatch = Document type mismatch
hint-document-country_unsupported = Unsupported issuing country
hint-mrz-malformed = Malformed MRZ
hint-mrz-checksum_invalid = Wrong MRZ check digit
hint-mrz-data_mismatch = MRZ does not match declared data
hint-applicant-underage = Applicant below minimum age
hint-face-none = No face found
hint-face-multiple = Several faces
hint-face-mismatch = Face mismatch
hint-liveness-static = No movement in liveness
hint-liveness-incomplete = Incomplete liveness capture
hint-history-repeat_attempt = Repeat attempt
hint-history-document_reused = Document number reused
