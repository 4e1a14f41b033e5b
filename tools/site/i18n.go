package main

import (
	"github.com/iamlab/iamlab/markup/exercise"
	"github.com/iamlab/iamlab/markup/iamlab"
)

// languageOrder is the order of the language switch; Japanese first, as
// the source notes are Japanese.
var languageOrder = []string{"ja", "en"}

// words are the page chrome's strings in one language.
type words struct {
	Name, Tutorials, Playground, Search, SearchHint, NoResults, OnThisPage,
	Prev, Next, Contents, Menu, Theme, Language, Footer, NotFound, NotFoundText, Home,
	Examples, SkipToContent string
}

var chrome = map[string]words{
	"en": {
		Name: "English", Tutorials: "Tutorials", Playground: "Playground", Search: "Search",
		SearchHint: "Search the tutorials", NoResults: "No results", OnThisPage: "On this page",
		Prev: "Previous", Next: "Next", Contents: "Contents", Menu: "Menu", Theme: "Theme",
		Language: "Language", Home: "Tutorials home",
		Footer:        "IAM Lab: AWS security, runnable. Examples run in your browser; nothing is sent anywhere.",
		NotFound:      "Page not found",
		NotFoundText:  "There is no page at this address.",
		Examples:      "runnable examples",
		SkipToContent: "Skip to content",
	},
	"ja": {
		Name: "日本語", Tutorials: "チュートリアル", Playground: "プレイグラウンド", Search: "検索",
		SearchHint: "チュートリアルを検索", NoResults: "見つかりませんでした", OnThisPage: "このページの内容",
		Prev: "前へ", Next: "次へ", Contents: "目次", Menu: "メニュー", Theme: "テーマ",
		Language: "言語", Home: "チュートリアルのトップ",
		Footer:        "IAM Lab: 動かして学ぶ AWS セキュリティ。例はブラウザーの中で評価され、どこにも送信されません。",
		NotFound:      "ページが見つかりません",
		NotFoundText:  "このアドレスにページはありません。",
		Examples:      "個の実行できる例",
		SkipToContent: "本文へ移動",
	},
}

// exampleLabels are the words of an embedded example.
func exampleLabels(lang string) iamlab.Labels {
	if lang == "ja" {
		return iamlab.Labels{
			Example: "例", Expected: "想定される結果", Open: "プレイグラウンドで開く",
			EditorHint: "シナリオ (JSON)",
			Folded:     "畳んだ行(どのポリシーも使っていないコンテキスト):", ChangedFrom: "色の付いた行が例 %d からの変更点です。",
			Decisions: map[string]string{"allowed": "許可 (allowed)", "explicitDeny": "明示的な拒否 (explicitDeny)", "implicitDeny": "暗黙的な拒否 (implicitDeny)"},
		}
	}
	return iamlab.Labels{
		Example: "Example", Expected: "Expected", Open: "Open in playground",
		EditorHint: "Scenario (JSON)",
		Folded:     "Folded (context no policy here uses):", ChangedFrom: "Marked lines changed from example %d.",
		Decisions: map[string]string{"allowed": "allowed", "explicitDeny": "explicit deny", "implicitDeny": "implicit deny"},
	}
}

// exerciseLabels are the words of an exercise.
func exerciseLabels(lang string) exercise.Labels {
	if lang == "ja" {
		return exercise.Labels{
			Exercise: "演習",
			Kinds:    map[exercise.Kind]string{exercise.Predict: "判定を予想する", exercise.Fix: "ポリシーを直す", exercise.Hole: "穴をふさぐ"},
			Goals:    "満たすべき条件",
			Wants: map[exercise.Want]string{exercise.Allowed: "許可", exercise.Denied: "拒否",
				exercise.ExplicitDeny: "明示的な拒否", exercise.ImplicitDeny: "暗黙的な拒否"},
			Decisions:  map[string]string{"allowed": "許可 (allowed)", "explicitDeny": "明示的な拒否 (explicitDeny)", "implicitDeny": "暗黙的な拒否 (implicitDeny)"},
			YourAnswer: "エンジンの判定はどれになるでしょうか",
			Check:      "確かめる", Commit: "この答えで確定", Reset: "最初に戻す", Solution: "解答例を見る",
			Solved: "✓ 正解", Editor: "編集するポリシー (JSON)", Scenario: "シナリオ全体(ほかのポリシーとリクエスト)",
			NoScript: "答え合わせにはスクリプトが必要です。",
		}
	}
	return exercise.Labels{
		Exercise: "Exercise",
		Kinds:    map[exercise.Kind]string{exercise.Predict: "Predict", exercise.Fix: "Fix the policy", exercise.Hole: "Find the hole"},
		Goals:    "Goals",
		Wants: map[exercise.Want]string{exercise.Allowed: "allowed", exercise.Denied: "denied",
			exercise.ExplicitDeny: "explicit deny", exercise.ImplicitDeny: "implicit deny"},
		Decisions:  map[string]string{"allowed": "allowed", "explicitDeny": "explicit deny", "implicitDeny": "implicit deny"},
		YourAnswer: "What will the engine decide?",
		Check:      "Check", Commit: "Lock in my answer", Reset: "Start over", Solution: "Show a solution",
		Solved: "✓ Solved", Editor: "Policy to edit (JSON)", Scenario: "The whole scenario (other policies and the request)",
		NoScript: "Checking an answer needs scripts.",
	}
}
