# Vigil: 却下理由、カテゴリー、申請者向けメッセージ、ヒントの名称（日本語）。
# 理由メッセージの識別子: reason-<コードの "." を "-" に置き換えたもの>-label|description|applicant。

## Categories

category-fraud = 不正行為
category-manipulation = 情報操作
category-security = セキュリティ機能
category-biometric = 画像
category-visibility = 視認性
category-validity = 有効性
category-other = その他

## Finality

finality-retry = 再試行可
finality-final = 最終決定

## Applicant outcome messages

applicant-approved = 本人確認が完了しました。このまま手続きを続けていただけます。
applicant-escalated = 本人確認には追加の審査が必要です。審査が完了しましたらご連絡いたしますので、現時点でお客様に行っていただくことはありません。
applicant-rejected-retry-intro = 今回ご提出いただいた内容では本人確認を完了できませんでした。以下の理由をご確認のうえ、もう一度お試しください。
applicant-rejected-final-intro = 本人確認を完了できませんでした。この決定は最終的なものです。
applicant-rejected-neutral = 本人確認を完了できませんでした。この決定は最終的なものであり、再度のお手続きはお受けできません。

## Reasons: fraud

reason-fraud-forged_document-label = 偽造されたID文書
reason-fraud-forged_document-description = ID文書が完全に不正なものです。文書の一部が変更されているのではなく、文書全体が本物でない場合に使用します。
reason-fraud-forged_document-applicant = 本人確認を完了できませんでした。この決定は最終的なものであり、再度のお手続きはお受けできません。

reason-fraud-social_engineering-label = ソーシャルエンジニアリングの被害
reason-fraud-social_engineering-description = 提出された本人確認は、ソーシャルエンジニアリングの企図の結果であるように思われます。ユーザーは騙されて本人確認を実行させられた被害者であり、不正行為で訴えられているのではありません。
reason-fraud-social_engineering-applicant = 今回の本人確認は完了できませんでした。どなたかから、その人の代わりに、またはご自身のものではないアカウントのために本人確認を行うよう頼まれたり、報酬を提示されたりした場合は、手続きを中止し、書類をその人に渡さないでください。サポートチームまでご連絡いただければ、私たちがお手伝いいたします。

reason-fraud-identity_theft-label = アイデンティティ窃盗の企図
reason-fraud-identity_theft-description = ユーザーが他人のIDを使用しようとしました。例えば、他人の書類や画像を使用した場合です。
reason-fraud-identity_theft-applicant = 本人確認を完了できませんでした。この決定は最終的なものであり、再度のお手続きはお受けできません。

reason-fraud-front_tampered-label = ID文書の表側の細工
reason-fraud-front_tampered-description = ID文書の表側がデジタル処理で改ざんされています。表側に画像加工の痕跡が見つかった場合に使用します。
reason-fraud-front_tampered-applicant = 本人確認を完了できませんでした。この決定は最終的なものであり、再度のお手続きはお受けできません。

reason-fraud-back_tampered-label = ID文書の裏側の細工
reason-fraud-back_tampered-description = ID文書の裏側がデジタル処理で改ざんされています。裏側に画像加工の痕跡が見つかった場合に使用します。
reason-fraud-back_tampered-applicant = 本人確認を完了できませんでした。この決定は最終的なものであり、再度のお手続きはお受けできません。

reason-fraud-other-label = その他の不正行為
reason-fraud-other-description = 他のどの不正のカテゴリーにも当てはまらない不正が検出されました。より具体的な理由が当てはまらない場合にのみ使用します。
reason-fraud-other-applicant = 本人確認を完了できませんでした。この決定は最終的なものであり、再度のお手続きはお受けできません。

## Reasons: information manipulation

reason-manipulation-document_manipulated-label = ID文書の細工
reason-manipulation-document_manipulated-description = ID文書が細工されています。例えば、項目が変更されていたり、写真が差し替えられていたりします。
reason-manipulation-document_manipulated-applicant = 本人確認を完了できませんでした。この決定は最終的なものであり、再度のお手続きはお受けできません。

reason-manipulation-data_inconsistent-label = 記載内容の矛盾
reason-manipulation-data_inconsistent-description = ID文書に記載されている情報が可視領域と機械可読領域（MRZ）で異なるなど、矛盾があります。
reason-manipulation-data_inconsistent-applicant = 本人確認を完了できませんでした。この決定は最終的なものであり、再度のお手続きはお受けできません。

reason-manipulation-document_altered-label = ID文書の改ざん
reason-manipulation-document_altered-description = ID文書の片面または両面が改ざんされている、または片面だけ別の文書のものが使われています。
reason-manipulation-document_altered-applicant = 本人確認を完了できませんでした。この決定は最終的なものであり、再度のお手続きはお受けできません。

reason-manipulation-field_manipulated-label = ID文書フィールドの細工
reason-manipulation-field_manipulated-description = 文書のフィールドが個別に変更されています。特定のフィールドが意図的に隠されたり、変更されたりしています。
reason-manipulation-field_manipulated-applicant = 本人確認を完了できませんでした。この決定は最終的なものであり、再度のお手続きはお受けできません。

reason-manipulation-checksum_incorrect-label = チェックサムの誤り
reason-manipulation-checksum_incorrect-description = MRZのチェックディジットなど、ID文書のチェックサムが間違っており、データが変更されたことを示しています。
reason-manipulation-checksum_incorrect-applicant = 本人確認を完了できませんでした。この決定は最終的なものであり、再度のお手続きはお受けできません。

## Reasons: security features

reason-security-feature_altered-label = セキュリティ機能の変更
reason-security-feature_altered-description = UVインク、バーコード、ゴーストイメージなどのセキュリティ機能が改ざんされています。
reason-security-feature_altered-applicant = 本人確認を完了できませんでした。この決定は最終的なものであり、再度のお手続きはお受けできません。

reason-security-feature_digitally_altered-label = セキュリティ機能のデジタル細工
reason-security-feature_digitally_altered-description = 写真加工ソフトなどを使用して、文書のセキュリティ機能がデジタル的に変更されています。
reason-security-feature_digitally_altered-applicant = 本人確認を完了できませんでした。この決定は最終的なものであり、再度のお手続きはお受けできません。

## Reasons: images

reason-biometric-face_mismatch-label = 人物がID文書と不一致
reason-biometric-face_mismatch-description = 自撮り写真の人物が、ID文書に写っている人物と異なります。
reason-biometric-face_mismatch-applicant = 本人確認を完了できませんでした。この決定は最終的なものであり、再度のお手続きはお受けできません。

reason-biometric-characteristics_mismatch-label = 身体的特徴の不一致
reason-biometric-characteristics_mismatch-description = ID文書に記載されている人物の特徴（身長、瞳の色、年齢など）と、写真に写っている人物が一致していません。
reason-biometric-characteristics_mismatch-applicant = 本人確認を完了できませんでした。この決定は最終的なものであり、再度のお手続きはお受けできません。

reason-biometric-liveness_manipulated-label = 生体判定と画像の細工
reason-biometric-liveness_manipulated-description = 生体判定の撮影内容と画像がデジタル加工されています。
reason-biometric-liveness_manipulated-applicant = 本人確認を完了できませんでした。この決定は最終的なものであり、再度のお手続きはお受けできません。

reason-biometric-liveness_left_manipulated-label = 生体判定の左画像の細工
reason-biometric-liveness_left_manipulated-description = 左側の生体判定で撮影された画像が、デジタル処理で修正されています。
reason-biometric-liveness_left_manipulated-applicant = 本人確認を完了できませんでした。この決定は最終的なものであり、再度のお手続きはお受けできません。

reason-biometric-liveness_right_manipulated-label = 生体判定の右画像の細工
reason-biometric-liveness_right_manipulated-description = 右側の生体判定で撮影された画像が、デジタル処理で修正されています。
reason-biometric-liveness_right_manipulated-applicant = 本人確認を完了できませんでした。この決定は最終的なものであり、再度のお手続きはお受けできません。

reason-biometric-liveness_failed-label = 生体判定の失敗
reason-biometric-liveness_failed-description = 生体であることが検証できませんでした。例えば、写真をカメラにかざした、自撮りと生体判定で別人が写っているなどの場合です。再試行が可能です。
reason-biometric-liveness_failed-applicant = ご本人がその場で撮影していることを確認できませんでした。明るい場所でカメラを正面から見て、画面の指示に従ってご本人が直接もう一度撮影してください。写真や画面をカメラにかざさないでください。

reason-biometric-other_people-label = 他の人物の写り込み
reason-biometric-other_people-description = 自撮り写真にユーザー以外の人物が写っています。
reason-biometric-other_people-applicant = 自撮り写真にほかの方が写っています。写っているのがご本人だけであることを確認のうえ、もう一度撮影してください。

## Reasons: visibility

reason-visibility-face_not_visible-label = 顔がはっきり見えない
reason-visibility-face_not_visible-description = 自撮り、生体判定、書類のいずれかにおいて、照明や障害物の影響により、顔がはっきり見えていません。
reason-visibility-face_not_visible-applicant = お顔がはっきり写っていませんでした。明るく均一な照明のもとで、帽子やマスク、手などで顔が隠れないようにして、もう一度お試しください。

reason-visibility-photo_not_visible-label = 写真がはっきり見えない
reason-visibility-photo_not_visible-description = 映り込み、影、指の写り込みなどにより、ID文書の写真がはっきり見えていません。
reason-visibility-photo_not_visible-applicant = 本人確認書類の顔写真がはっきり写っていませんでした。光の反射や影のない明るい場所で撮影し直し、顔写真に指がかからないようにしてください。

reason-visibility-security_features_not_visible-label = セキュリティ機能がはっきり見えない
reason-visibility-security_features_not_visible-description = IDカードが正しく傾けられていない、またはグレア（強い反射光）が起こったため、ID文書上のセキュリティ機能がはっきり見えません。
reason-visibility-security_features_not_visible-applicant = 本人確認書類のセキュリティ機能を確認できませんでした。光の反射のない明るい場所で、指示があった際にはカードを少し傾けて、もう一度お試しください。

reason-visibility-poor_image_quality-label = 画像品質の不足
reason-visibility-poor_image_quality-description = 書類全体が写っていない、判読できない、または光の反射やぼやけがあります。
reason-visibility-poor_image_quality-applicant = 画像の品質が十分ではありませんでした。書類の原本を明るい場所で、光が反射しないようにピントを合わせ、書類全体がはっきり読み取れるように撮影してください。

reason-visibility-glasses-label = 生体判定時の眼鏡着用
reason-visibility-glasses-description = 生体判定の際に眼鏡を着用していました。ID文書の写真でも着用している場合、通常の眼鏡は問題ありません。
reason-visibility-glasses-applicant = 生体確認の際に眼鏡をかけていらっしゃいました。眼鏡を外してもう一度お試しください。なお、本人確認書類の写真でも眼鏡をかけている場合は、通常の眼鏡のままで問題ありません。

## Reasons: validity

reason-validity-photo_invalid-label = 写真は無効
reason-validity-photo_invalid-description = 文書の写真の品質、または人物の写真の品質が検証基準を満たしていません。
reason-validity-photo_invalid-applicant = お写真が品質基準を満たしていませんでした。明るい場所で光の反射がないように、お顔と書類全体がはっきり写った鮮明なカラー写真を撮り直してください。

reason-validity-document_invalid-label = ID文書が無効
reason-validity-document_invalid-description = 他の有効性の理由に当てはまらない問題により、ID文書が無効です。
reason-validity-document_invalid-applicant = ご提出の書類は本人確認に使用できません。有効で破損のないパスポートまたは身分証明書（IDカード）で、もう一度お試しください。

reason-validity-document_expired-label = 有効期限切れの書類
reason-validity-document_expired-description = ID文書の有効期限が切れています。有効期限が提出日より前の場合に使用します。
reason-validity-document_expired-applicant = 本人確認書類の有効期限が切れています。有効期限内のパスポートまたは身分証明書（IDカード）で、もう一度お試しください。

reason-validity-black_and_white-label = 白黒写真
reason-validity-black_and_white-description = 写真が白黒です。カラー写真が必要です。
reason-validity-black_and_white-applicant = お写真が白黒でした。書類の原本をカラーで撮影し、アップロードしてください。

reason-validity-edited_or_screenshot-label = 編集済み画像またはスクリーンショット
reason-validity-edited_or_screenshot-description = アップロードされた画像が画像編集ソフトで編集されている、スクリーンショットである、または写真をさらに撮影したものです。
reason-validity-edited_or_screenshot-applicant = アップロードされた画像は、編集されたもの、スクリーンショット、または写真を撮影したもののようです。書類の原本をカメラで直接撮影し、編集せずにアップロードしてください。

reason-validity-signature_missing-label = 署名の欠落
reason-validity-signature_missing-description = ID文書に所持者の署名がありません。
reason-validity-signature_missing-applicant = 本人確認書類にご本人の署名がありません。ご本人の署名がある書類であることをご確認いただくか、署名のある別の有効な書類で、もう一度お試しください。

## Reasons: other

reason-other-document_unsupported-label = サポート対象外のID文書
reason-other-document_unsupported-description = ID文書の種類がサポートされていません。サポートされているのはパスポートと身分証明書（IDカード）です。
reason-other-document_unsupported-applicant = この種類の書類はご利用いただけません。パスポートまたは身分証明書（IDカード）で、もう一度お試しください。

reason-other-wrong_document_type-label = 書類の種類の誤り
reason-other-wrong_document_type-description = アップロードされた書類が、ユーザーが選択した書類の種類と異なります。
reason-other-wrong_document_type-applicant = アップロードされた書類が、選択された書類の種類と一致しません。正しい種類を選択し、その書類の写真をアップロードしてください。

reason-other-country_unsupported-label = サポート対象外の発行国
reason-other-country_unsupported-description = 書類の発行国がサポートされていません。
reason-other-country_unsupported-applicant = この国で発行された書類はご利用いただけません。サポート対象国で発行された書類で、もう一度お試しください。

reason-other-file_unsupported-label = サポート対象外のファイル形式
reason-other-file_unsupported-description = ファイルがjpg、jpeg、png、pdfのいずれの形式でもありません。
reason-other-file_unsupported-applicant = このファイル形式には対応していません。jpg、jpeg、png、pdfのいずれかの形式でアップロードしてください。

reason-other-document_damaged-label = ID文書の損傷
reason-other-document_damaged-description = 選択されたID文書に損傷があります。
reason-other-document_damaged-applicant = 本人確認書類が破損しているようです。破損のない有効な書類で、もう一度お試しください。

reason-other-wrong_side_scanned-label = スキャン箇所の誤り
reason-other-wrong_side_scanned-description = 指示とは異なる文書の部分がスキャンされました。例えば、裏面の代わりに表側をスキャンしたり、パスポートの間違ったページをスキャンしたりした場合です。
reason-other-wrong_side_scanned-applicant = 指定とは異なる書類の面またはページがスキャンされました。画面の指示に従い、指定された面（パスポートの場合は顔写真のあるページ）をスキャンしてください。

reason-other-not_performed_by_subject-label = 本人以外による手続き
reason-other-not_performed_by_subject-description = 本人確認を行うべき方以外が手続きを行いました。知らなかったか誤解によるもので、詐欺のケースではありません。再試行が可能です。
reason-other-not_performed_by_subject-applicant = 本人確認を行う方は、すべての検証ステップをご自分で行わなければなりません。自撮り写真を含め、すべての手順をご自身で最初からやり直してください。

reason-other-underage-label = 年齢要件の未達
reason-other-underage-description = 本人確認を行おうとした方が、顧客が設定した必要年齢に達していません。最終決定ですが、不正行為ではありません。
reason-other-underage-applicant = このサービスは、所定の年齢に達した方のみご利用いただけます。現時点ではこの年齢要件を満たしていないため、本サービスの本人確認を完了することはできません。

reason-other-camera_problem-label = カメラの問題
reason-other-camera_problem-description = ウェブカメラまたは動画の問題により、使用可能な画像や動画を撮影できませんでした。
reason-other-camera_problem-applicant = カメラまたは動画に問題が発生しました。カメラが正常に動作する別の端末（スマートフォン、タブレット、パソコンなど）で、もう一度お試しください。

reason-other-connection_problem-label = 接続の問題
reason-other-connection_problem-description = 撮影中に接続が切断されました。
reason-other-connection_problem-applicant = 本人確認の途中でインターネット接続が切断されました。手続き中は安定した接続が必要ですので、モバイルデータ通信や別のWi-Fiに切り替えるなどして、もう一度お試しください。

reason-other-camera_permission-label = カメラへのアクセス不許可
reason-other-camera_permission-description = ブラウザにカメラの使用が許可されていませんでした。
reason-other-camera_permission-applicant = ブラウザにカメラへのアクセスが許可されていませんでした。ブラウザに確認が表示されたらカメラへのアクセスを許可し、もう一度お試しください。

reason-other-verification_invalid-label = 検証が無効
reason-other-verification_invalid-description = この検証を却下するその他の雑多な理由です。より具体的な理由が当てはまらない場合にのみ使用します。
reason-other-verification_invalid-applicant = 本人確認を完了できませんでした。書類が有効で、はっきり写っていることをご確認のうえ、もう一度お試しください。問題が解決しない場合は、サポートチームまでご連絡ください。

## Hint titles

hint-file-unsupported_type = サポート対象外のファイル形式
hint-file-unreadable = 読み取れないファイル
hint-submission-missing_image = 画像の不足
hint-image-low_resolution = 解像度不足
hint-image-blurry = 画像のぼやけ
hint-image-glare = 光の反射（グレア）
hint-image-underexposed = 露出不足
hint-image-overexposed = 露出過多
hint-image-grayscale = 白黒画像
hint-image-edited = 画像編集ソフトによる編集
hint-image-screenshot = スクリーンショットの疑い
hint-image-reused = 他の申請での画像の再利用
hint-document-expired = 有効期限切れ
hint-document-type_unsupported = サポート対象外の書類の種類
hint-document-type_mismatch = 書類の種類の不一致
hint-document-country_unsupported = サポート対象外の発行国
hint-mrz-malformed = MRZの形式不正
hint-mrz-checksum_invalid = MRZのチェックディジットの誤り
hint-mrz-data_mismatch = MRZと申告データの不一致
hint-applicant-underage = 年齢要件の未達
hint-face-none = 顔が検出されない
hint-face-multiple = 複数の顔
hint-face-mismatch = 顔の不一致
hint-liveness-static = 生体判定で動きなし
hint-liveness-incomplete = 生体判定の撮影不足
hint-history-repeat_attempt = 再申請
hint-history-document_reused = 書類番号の再利用
