//! The calls of the mutation matrix: one form post per endpoint, as a browser of the role
//! would make it. (A module of the `authz_matrix` test binary.)

use poputchiki_tests::{Browser, Page};

use super::{Endpoint, World, LIST, REMINDER_TOKEN, SUB_CONFIRM_TOKEN, SUB_LEAVE_TOKEN};

pub(super) async fn call(w: &World, b: &mut Browser, e: Endpoint) -> Page {
    let a = w.a;
    match e {
        Endpoint::Edit => {
            let ed = app::editing::store::load_editable(&w.app.state.db, &w.app.state.region, a)
                .await
                .expect("load")
                .expect("a");
            let mut f = app::editing::form::to_fields(&ed.input);
            f.retain(|(k, _)| k != "summary");
            f.push(("summary".into(), "Изменено в тесте прав".into()));
            f.push(("version".into(), ed.row.version.to_string()));
            let pairs: Vec<(&str, &str)> =
                f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            b.post(&format!("/org/{a}/edit"), &pairs).await
        }
        Endpoint::Revert => {
            b.post(&format!("/org/{a}/revert/{}", w.baseline), &[])
                .await
        }
        Endpoint::Invite => b.post(&format!("/org/{a}/invite"), &[("email", "")]).await,
        Endpoint::RemoveEditor => {
            let id = w.editor_a.to_string();
            b.post(&format!("/org/{a}/editors/remove"), &[("account_id", &id)])
                .await
        }
        Endpoint::Verify => {
            b.post(
                &format!("/org/{a}/verify"),
                &[("method", "visit"), ("note", "Были в гостях")],
            )
            .await
        }
        Endpoint::Moderate => {
            b.post(
                &format!("/staff/moderation/{}", w.pending),
                &[("decision", "approve")],
            )
            .await
        }
        Endpoint::ResolveReport => {
            b.post(&format!("/staff/reports/{}/resolve", w.report), &[])
                .await
        }
        Endpoint::GrantStaff => {
            b.post(
                "/admin/staff",
                &[("email", "b@example.ru"), ("region", "kurgan")],
            )
            .await
        }
        Endpoint::RevokeStaff => {
            let (acc, reg) = (w.staff.to_string(), w.app.state.region.id.to_string());
            b.post(
                "/admin/staff/revoke",
                &[("account_id", &acc), ("region_id", &reg)],
            )
            .await
        }
        Endpoint::Propose => {
            b.post(
                "/org/new",
                &[
                    ("name", "Предложенная группа"),
                    ("kind", "initiative_group"),
                    ("okrug", "ketovsky"),
                ],
            )
            .await
        }
        Endpoint::Report => {
            b.post(
                &format!("/org/{a}/report"),
                &[("message", "Неверный адрес")],
            )
            .await
        }
        Endpoint::AcceptInvite => b.post(&format!("/invite/{}", w.invitation), &[]).await,
        Endpoint::ImportUpload => {
            let file = ("file", "list.csv", "text/csv", LIST.as_bytes().to_vec());
            b.post_multipart("/staff/import", &[], &[file]).await
        }
        Endpoint::ImportMapping => {
            let path = format!("/staff/import/{}/mapping", w.batch);
            let fields = [
                ("col-0", "name"),
                ("col-1", "okrug"),
                ("col-2", "description"),
            ];
            b.post(&path, &fields).await
        }
        Endpoint::ImportFix => {
            let path = format!("/staff/import/{}/rows/2", w.batch);
            b.post(&path, &[("action", "save"), ("cell-0", "Клуб «Дельта-2»")])
                .await
        }
        Endpoint::ImportRun => b.post(&format!("/staff/import/{}/run", w.batch), &[]).await,
        Endpoint::ImportInvite => {
            let path = format!("/staff/import/{}/invite", w.batch);
            b.post(
                &path,
                &[
                    ("org", &a.to_string()),
                    (&format!("email-{a}"), "lead@example.org"),
                ],
            )
            .await
        }
        Endpoint::Archive => {
            b.post(
                &format!("/org/{a}/archive"),
                &[("archive_note", "Закрылись")],
            )
            .await
        }
        Endpoint::Restore => b.post(&format!("/org/{}/restore", w.archived), &[]).await,
        Endpoint::AcceptEdit => {
            let id = w
                .app
                .scalar_i64("select max(id) from revision where review <> ''")
                .await;
            b.post(&format!("/staff/edits/{id}/accept"), &[]).await
        }
        Endpoint::ReminderLink => b.post(&format!("/confirm/{REMINDER_TOKEN}"), &[]).await,
        Endpoint::Subscribe => {
            let fields = [("email", "someone@example.ru"), ("okrug", "ketovsky")];
            b.post("/subscribe", &fields).await
        }
        Endpoint::SubscriptionConfirm => {
            b.post(&format!("/subscribe/confirm/{SUB_CONFIRM_TOKEN}"), &[])
                .await
        }
        Endpoint::Unsubscribe => {
            b.post(&format!("/unsubscribe/{SUB_LEAVE_TOKEN}"), &[])
                .await
        }
        Endpoint::EventPhotoAdd => {
            let img = image::DynamicImage::ImageRgb8(image::RgbImage::new(8, 6));
            let mut jpeg = std::io::Cursor::new(Vec::new());
            img.write_to(&mut jpeg, image::ImageFormat::Jpeg)
                .expect("encode");
            let file = ("photo", "a.jpg", "image/jpeg", jpeg.into_inner());
            b.post_multipart(
                &format!("/org/{a}/events/subbotnik-2020/photos"),
                &[],
                &[file],
            )
            .await
        }
        Endpoint::EventPhotoRemove => {
            // Each allowed role deletes a photo that is still there.
            let photo = w.app.scalar_i64("select min(id) from event_photo").await;
            b.post(&format!("/org/{a}/photos/{photo}/delete"), &[])
                .await
        }
        Endpoint::Merge => {
            // Each allowed role merges a published record that is still there into A.
            let other = w
                .app
                .scalar_i64(&format!(
                    "select min(id) from organization where status = 'published' and id != {a}"
                ))
                .await;
            b.post(&format!("/staff/merge/{a}/{other}"), &[("keep", "a")])
                .await
        }
        Endpoint::DismissDuplicate => {
            b.post(&format!("/staff/duplicates/{a}/{}/dismiss", w.b), &[])
                .await
        }
        Endpoint::PartnerInvite => {
            let other = w.app.org_id("Дзета").await.to_string();
            let fields = [("partner", other.as_str()), ("kind", "resources")];
            b.post(&format!("/org/{a}/partners"), &fields).await
        }
        Endpoint::PartnerAccept => {
            b.post(&format!("/partnerships/{}/accept", w.partnership), &[])
                .await
        }
        Endpoint::PartnerDecline => {
            b.post(&format!("/partnerships/{}/decline", w.partnership), &[])
                .await
        }
        Endpoint::PartnerEnd => {
            b.post(&format!("/partnerships/{}/end", w.partnership), &[])
                .await
        }
        // «Могу помочь» with A's need, on behalf of B.
        Endpoint::OfferHelp => {
            let from = w.b.to_string();
            let fields = [
                ("need", "Водители на субботник"),
                ("from_org-1", from.as_str()),
                ("message-1", "Дадим машину"),
            ];
            b.post(&format!("/org/{a}/needs/1/help"), &fields).await
        }
    }
}
